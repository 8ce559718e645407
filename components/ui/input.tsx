import type { ComponentProps } from "react";
import { cn } from "./cn";

/** The look every text control shares: input, select and textarea. */
export const controlClass =
  "w-full min-w-0 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-brand disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-600 aria-invalid:border-red-700";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(controlClass, className)} {...props} />;
}

export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea className={cn(controlClass, "min-h-24", className)} {...props} />;
}

/** A native select: the platform's own picker on phones, and every screen reader knows it. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(controlClass, "pr-8", className)} {...props} />;
}

/** A checkbox with its label beside it. */
export function Checkbox({ className, label, ...props }: ComponentProps<"input"> & { label: React.ReactNode }) {
  return (
    <label className={cn("flex items-center gap-2 text-sm font-medium", className)}>
      <input type="checkbox" className="h-4 w-4 shrink-0 accent-brand" {...props} />
      {label}
    </label>
  );
}
