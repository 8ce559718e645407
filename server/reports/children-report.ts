import { walletCurrency } from "../billing/wallet";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { planPeriod } from "./report-period";

export type ChildUsage = {
  accountId: string;
  name: string;
  slug: string;
  calls: number;
  seconds: number;
  /** What the child (and everything below it) paid the reseller. */
  revenueMinor: number;
  /** What the reseller paid above for those calls. */
  costMinor: number;
  marginMinor: number;
};

/** One bar of the chart: a day, or a month (its first day) for long periods. */
export type ReportBucket = {
  start: string;
  calls: number;
  revenueMinor: number;
  costMinor: number;
  marginMinor: number;
};

export type ChildrenReport = {
  currency: string;
  fromDay: string;
  toDay: string;
  totals: { calls: number; seconds: number; revenueMinor: number; costMinor: number; marginMinor: number };
  /** Every child of the reseller, those without calls too, most revenue first. */
  children: ChildUsage[];
  /**
   * The children's calls (or one child's, when asked) by day, or by month over more than 62 days
   * (buckets without calls absent).
   */
  granularity: "day" | "month";
  series: ReportBucket[];
  /** The reseller's own calls: what it paid for them. */
  own: { calls: number; seconds: number; costMinor: number };
};

type UsageRow = {
  subject: string | null;
  bucket: Date | null;
  /** On a bucket's row: whether it sums the calls the chart shows. */
  charted: boolean | null;
  calls: bigint;
  seconds: bigint;
  revenue: bigint;
  cost: bigint;
};

/**
 * What a reseller's children bought from it over a period (UTC days, both included), and what it
 * kept: per child, its calls, minutes, what it paid the reseller and what the reseller paid above
 * for them; by day or month for the chart; the reseller's own calls apart. Read from the reseller's
 * own roll-up rows only (no row of another tenant is read): whole months from usage_monthly, the
 * days around them from usage_daily (report-period.ts), in one scan grouped two ways at once.
 */
export async function childrenReport(
  db: TenantDb,
  resellerId: string,
  period: { fromDay: string; toDay: string; accountId?: string },
): Promise<ChildrenReport> {
  const { fromDay, toDay } = period;
  // What the chart shows: one child's calls, or all the children's (never the reseller's own).
  const charted = period.accountId
    ? Prisma.sql`subject_account_id = ${period.accountId}::uuid`
    : Prisma.sql`subject_account_id <> ${resellerId}::uuid`;
  const plan = planPeriod(fromDay, toDay);
  const bucketOf = (column: Prisma.Sql) =>
    plan.granularity === "day" ? column : Prisma.sql`date_trunc('month', ${column})::date`;
  const parts: Prisma.Sql[] = plan.days.map(
    (range) => Prisma.sql`
      SELECT subject_account_id, ${bucketOf(Prisma.sql`day`)} AS bucket, calls, seconds, revenue_minor, cost_minor
        FROM usage_daily
       WHERE account_id = ${resellerId}::uuid AND day BETWEEN ${range.from}::date AND ${range.to}::date`,
  );
  if (plan.months) {
    // A month is one bar when charted by month; by day (a period of a month or two) it is read by day.
    parts.push(
      plan.granularity === "month"
        ? Prisma.sql`
      SELECT subject_account_id, month AS bucket, calls, seconds, revenue_minor, cost_minor
        FROM usage_monthly
       WHERE account_id = ${resellerId}::uuid AND month BETWEEN ${plan.months.from}::date AND ${plan.months.to}::date`
        : Prisma.sql`
      SELECT subject_account_id, day AS bucket, calls, seconds, revenue_minor, cost_minor
        FROM usage_daily
       WHERE account_id = ${resellerId}::uuid
         AND day BETWEEN ${plan.months.from}::date AND (${plan.months.to}::date + interval '1 month' - interval '1 day')::date`,
    );
  }
  // Per subject, and per bucket of the charted calls, from one scan of the rows (GROUPING SETS).
  const usage = await db.$queryRaw<UsageRow[]>`
    SELECT subject_account_id AS subject, bucket, charted,
           sum(calls)::bigint AS calls, sum(seconds)::bigint AS seconds,
           sum(revenue_minor)::bigint AS revenue, sum(cost_minor)::bigint AS cost
      FROM (SELECT *, ${charted} AS charted
              FROM (${Prisma.join(parts, " UNION ALL ")}) AS parts) AS rows
     GROUP BY GROUPING SETS ((subject_account_id), (bucket, charted))`;
  // One after another: the statements share the request's one transaction connection.
  const children = await db.$queryRaw<{ id: string; name: string; slug: string }[]>`
    SELECT id, name, slug FROM accounts WHERE parent_id = ${resellerId}::uuid`;
  const currency = await walletCurrency(db, resellerId);
  if (period.accountId && !children.some((child) => child.id === period.accountId)) {
    throw new DomainError("NOT_FOUND", problem("account_not_found", "No such account among yours.", "accountId"));
  }

  const bySubject = new Map(usage.filter((row) => row.subject !== null).map((row) => [row.subject, row]));
  const rows = children
    .map((child): ChildUsage => {
      const row = bySubject.get(child.id);
      const revenueMinor = Number(row?.revenue ?? 0);
      const costMinor = Number(row?.cost ?? 0);
      return {
        accountId: child.id,
        name: child.name,
        slug: child.slug,
        calls: Number(row?.calls ?? 0),
        seconds: Number(row?.seconds ?? 0),
        revenueMinor,
        costMinor,
        marginMinor: revenueMinor - costMinor,
      };
    })
    .sort((a, b) => b.revenueMinor - a.revenueMinor || a.slug.localeCompare(b.slug));
  const own = bySubject.get(resellerId);
  const totals = rows.reduce(
    (sum, row) => ({
      calls: sum.calls + row.calls,
      seconds: sum.seconds + row.seconds,
      revenueMinor: sum.revenueMinor + row.revenueMinor,
      costMinor: sum.costMinor + row.costMinor,
      marginMinor: sum.marginMinor + row.marginMinor,
    }),
    { calls: 0, seconds: 0, revenueMinor: 0, costMinor: 0, marginMinor: 0 },
  );
  return {
    currency,
    fromDay,
    toDay,
    totals,
    children: rows,
    granularity: plan.granularity,
    series: usage
      .filter(
        (row): row is UsageRow & { bucket: Date } =>
          row.subject === null && row.bucket !== null && row.charted === true,
      )
      .map((row) => ({
        start: row.bucket.toISOString().slice(0, 10),
        calls: Number(row.calls),
        revenueMinor: Number(row.revenue),
        costMinor: Number(row.cost),
        marginMinor: Number(row.revenue) - Number(row.cost),
      }))
      .sort((a, b) => a.start.localeCompare(b.start)),
    own: {
      calls: Number(own?.calls ?? 0),
      seconds: Number(own?.seconds ?? 0),
      costMinor: Number(own?.cost ?? 0),
    },
  };
}
