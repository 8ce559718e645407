import type { ComponentProps } from "react";
import { cn } from "./cn";

export const cardClass = "rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200";

/** A white panel; a <section> so that its title can name it. */
export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={cn(cardClass, className)} {...props} />;
}

export function CardTitle({ className, ...props }: ComponentProps<"h2">) {
  return <h2 className={cn("mb-3 text-base font-semibold", className)} {...props} />;
}

export function CardDescription({ className, ...props }: ComponentProps<"p">) {
  return <p className={cn("mb-3 text-sm text-slate-600", className)} {...props} />;
}
