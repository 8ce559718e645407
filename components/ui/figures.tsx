import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

/** One headline number: what it is, its value, and the test id its value is found by. */
export type Figure = { label: string; value: ReactNode; testId: string };

/**
 * A row of headline numbers (balances, totals, this month's business): each a label above a large
 * value, in a grid the caller sizes (`grid-cols-2 sm:grid-cols-4`).
 */
export function Figures({
  figures,
  size = "xl",
  className,
  ...props
}: { figures: readonly Figure[]; size?: "xl" | "2xl" } & ComponentProps<"dl">) {
  return (
    <dl className={cn("grid gap-3", className)} {...props}>
      {figures.map((figure) => (
        <div key={figure.label}>
          <dt className="text-sm text-slate-600">{figure.label}</dt>
          <dd
            className={cn("font-semibold tabular-nums", size === "2xl" ? "text-2xl" : "text-xl")}
            data-testid={figure.testId}
          >
            {figure.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
