import { queryText } from "@/app/(portal)/query-text";

/** This month so far in UTC days: the period a report or usage page shows when none is chosen. */
export function thisMonthSoFar(now = new Date()): { from: string; to: string } {
  const today = now.toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The period a page's `?from=&to=` chose; an end not given is this month so far's. */
export function chosenPeriod(
  params: { from?: string | string[]; to?: string | string[] },
  now = new Date(),
): { from: string; to: string } {
  const month = thisMonthSoFar(now);
  return { from: queryText(params.from) ?? month.from, to: queryText(params.to) ?? month.to };
}

/** Seconds as minutes with at most one decimal: 661 -> "11", 75 -> "1.3". */
export function minutesText(seconds: number): string {
  return (seconds / 60).toLocaleString("en-US", { maximumFractionDigits: 1 });
}
