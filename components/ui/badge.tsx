import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const badgeVariants = cva("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold", {
  variants: {
    tone: {
      neutral: "bg-slate-100 text-slate-700",
      brand: "bg-brand text-on-brand",
      accent: "bg-accent text-on-accent",
      success: "bg-emerald-100 text-emerald-900",
      warning: "bg-amber-100 text-amber-900",
      danger: "bg-red-100 text-red-900",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Badge({ className, tone, ...props }: ComponentProps<"span"> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}

const STATUS = {
  active: { tone: "success", label: "Active" },
  suspended: { tone: "warning", label: "Suspended" },
  closed: { tone: "neutral", label: "Closed" },
} as const;

/** An account's status, the same colour and word on every page. */
export function StatusBadge({ status, ...props }: { status: keyof typeof STATUS } & ComponentProps<"span">) {
  const { tone, label } = STATUS[status];
  return (
    <Badge tone={tone} data-status={status} {...props}>
      {label}
    </Badge>
  );
}
