import { cva, type VariantProps } from "class-variance-authority";
import { Slot } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "./cn";

export const buttonVariants = cva(
  "inline-flex shrink-0 items-center justify-center gap-2 rounded-lg font-semibold whitespace-nowrap transition-colors disabled:cursor-not-allowed disabled:opacity-60",
  {
    variants: {
      variant: {
        /** The one action a form or page is for. */
        primary: "bg-brand text-on-brand shadow-sm hover:opacity-90",
        /** Everything else. */
        secondary: "bg-white text-slate-900 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50",
        /** Actions that remove or close something. */
        danger: "bg-white text-red-700 shadow-sm ring-1 ring-slate-300 hover:bg-red-50",
        /** On the brand-coloured header. */
        onBrand: "text-on-brand ring-1 ring-current/40 hover:bg-white/10",
        /** On the dark open-as banner, which is never themed. */
        inverse: "bg-white text-slate-900 hover:bg-slate-100",
        /** Looks like a link, acts as a button. */
        link: "h-auto p-0 text-brand underline underline-offset-2 hover:opacity-80",
      },
      size: {
        md: "px-4 py-2 text-base",
        sm: "px-3 py-1.5 text-sm",
      },
    },
    compoundVariants: [{ variant: "link", className: "px-0 py-0" }],
    defaultVariants: { variant: "primary", size: "md" },
  },
);

export type ButtonProps = ComponentProps<"button"> & VariantProps<typeof buttonVariants> & { asChild?: boolean };

/** A button; `asChild` styles a link (or anything else) as one. */
export function Button({ className, variant, size, asChild = false, type, ...props }: ButtonProps) {
  const Component = asChild ? Slot.Root : "button";
  return (
    <Component
      type={asChild ? undefined : (type ?? "button")}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
    />
  );
}
