/**
 * How a report reads a period of UTC days: whole months from the monthly roll-ups, and the days of
 * a month it covers only in part from the daily ones. A year is then twelve rows per child, not
 * 365 (docs/PERFORMANCE.md, "A reseller's report").
 */
export type PeriodPlan = {
  /** Day ranges read from usage_daily (at most two: the ends of the period), both days included. */
  days: { from: string; to: string }[];
  /** The months read whole from usage_monthly (first days), both included; null when none. */
  months: { from: string; to: string } | null;
  /** The chart's bars: one per day for periods of up to 62 days, else one per month. */
  granularity: "day" | "month";
};

/** The longest period charted by day (two months); longer ones are charted by month. */
export const MAX_DAILY_CHART_DAYS = 62;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const dayText = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
/** The last day of the month `day` falls in. */
function monthEnd(day: string): string {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
const nextMonth = (first: string) => dayText(dayNumber(monthEnd(first)) + 1);
const previousMonth = (first: string) => monthStart(dayText(dayNumber(first) - 1));

/** Splits `from`..`to` (days, `from` ≤ `to`) into whole months and the days around them. */
export function planPeriod(from: string, to: string): PeriodPlan {
  const granularity = dayNumber(to) - dayNumber(from) + 1 <= MAX_DAILY_CHART_DAYS ? "day" : "month";
  // The first whole month starts on or after `from`; the last whole month ends on or before `to`.
  const firstWhole = from === monthStart(from) ? from : nextMonth(monthStart(from));
  const lastWhole = to === monthEnd(to) ? monthStart(to) : previousMonth(monthStart(to));
  if (firstWhole > lastWhole) return { days: [{ from, to }], months: null, granularity };
  const days: { from: string; to: string }[] = [];
  if (from < firstWhole) days.push({ from, to: dayText(dayNumber(firstWhole) - 1) });
  if (to > monthEnd(lastWhole)) days.push({ from: nextMonth(lastWhole), to });
  return { days, months: { from: firstWhole, to: lastWhole }, granularity };
}
