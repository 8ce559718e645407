import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

const noticeVariants = cva("rounded-lg px-3 py-2 text-sm", {
  variants: {
    tone: {
      success: "bg-emerald-50 text-emerald-900",
      error: "bg-red-50 text-red-800",
      info: "bg-slate-100 text-slate-800",
    },
  },
  defaultVariants: { tone: "info" },
});

/** A line that says what happened: done (a status) or refused (an alert). */
export function Notice({ className, tone, ...props }: ComponentProps<"p"> & VariantProps<typeof noticeVariants>) {
  return (
    <p role={tone === "error" ? "alert" : "status"} className={cn(noticeVariants({ tone }), className)} {...props} />
  );
}

/** Error text without a box, for a line beside a control or inside a card. */
export function ErrorText({ className, ...props }: ComponentProps<"p">) {
  return <p className={cn("text-sm font-medium text-red-700", className)} {...props} />;
}
