import type { TenantDb } from "../db/tenant";

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

export type ReportDay = { day: string; calls: number; revenueMinor: number; costMinor: number; marginMinor: number };

export type ChildrenReport = {
  currency: string;
  fromDay: string;
  toDay: string;
  totals: { calls: number; seconds: number; revenueMinor: number; costMinor: number; marginMinor: number };
  /** Every child of the reseller, those without calls too, most revenue first. */
  children: ChildUsage[];
  /** The children's calls by day (days without calls absent), for the chart. */
  days: ReportDay[];
  /** The reseller's own calls: what it paid for them. */
  own: { calls: number; seconds: number; costMinor: number };
};

type ChildRow = {
  id: string;
  name: string;
  slug: string;
  calls: bigint;
  seconds: bigint;
  revenue: bigint;
  cost: bigint;
};

/**
 * What a reseller's children bought from it over a period (UTC days, both included), and what it
 * kept: per child, its calls, minutes, what it paid the reseller and what the reseller paid above
 * for them; by day for the chart; the reseller's own calls apart. Read from the reseller's own
 * roll-up rows (usage_daily, account_id = the reseller) only: no row of another tenant is read.
 */
export async function childrenReport(
  db: TenantDb,
  resellerId: string,
  period: { fromDay: string; toDay: string },
): Promise<ChildrenReport> {
  const { fromDay, toDay } = period;
  // One after another: the statements share the request's one transaction connection.
  const children = await db.$queryRaw<ChildRow[]>`
      SELECT a.id, a.name, a.slug,
             coalesce(sum(u.calls), 0)::bigint AS calls, coalesce(sum(u.seconds), 0)::bigint AS seconds,
             coalesce(sum(u.revenue_minor), 0)::bigint AS revenue, coalesce(sum(u.cost_minor), 0)::bigint AS cost
        FROM accounts a
        LEFT JOIN usage_daily u
          ON u.account_id = ${resellerId}::uuid AND u.subject_account_id = a.id
         AND u.day BETWEEN ${fromDay}::date AND ${toDay}::date
       WHERE a.parent_id = ${resellerId}::uuid
       GROUP BY a.id, a.name, a.slug
       ORDER BY revenue DESC, a.slug`;
  const days = await db.$queryRaw<{ day: Date; calls: bigint; revenue: bigint; cost: bigint }[]>`
      SELECT day, sum(calls)::bigint AS calls, sum(revenue_minor)::bigint AS revenue, sum(cost_minor)::bigint AS cost
        FROM usage_daily
       WHERE account_id = ${resellerId}::uuid AND subject_account_id <> ${resellerId}::uuid
         AND day BETWEEN ${fromDay}::date AND ${toDay}::date
       GROUP BY day
       ORDER BY day`;
  const own = await db.$queryRaw<{ calls: bigint; seconds: bigint; cost: bigint }[]>`
      SELECT coalesce(sum(calls), 0)::bigint AS calls, coalesce(sum(seconds), 0)::bigint AS seconds,
             coalesce(sum(cost_minor), 0)::bigint AS cost
        FROM usage_daily
       WHERE account_id = ${resellerId}::uuid AND subject_account_id = ${resellerId}::uuid
         AND day BETWEEN ${fromDay}::date AND ${toDay}::date`;
  const wallet = await db.$queryRaw<{ currency: string }[]>`
    SELECT currency FROM wallets WHERE account_id = ${resellerId}::uuid`;
  const rows = children.map(
    (row): ChildUsage => ({
      accountId: row.id,
      name: row.name,
      slug: row.slug,
      calls: Number(row.calls),
      seconds: Number(row.seconds),
      revenueMinor: Number(row.revenue),
      costMinor: Number(row.cost),
      marginMinor: Number(row.revenue) - Number(row.cost),
    }),
  );
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
    currency: wallet[0]?.currency ?? "USD",
    fromDay,
    toDay,
    totals,
    children: rows,
    days: days.map((row) => ({
      day: row.day.toISOString().slice(0, 10),
      calls: Number(row.calls),
      revenueMinor: Number(row.revenue),
      costMinor: Number(row.cost),
      marginMinor: Number(row.revenue) - Number(row.cost),
    })),
    own: {
      calls: Number(own[0]?.calls ?? 0),
      seconds: Number(own[0]?.seconds ?? 0),
      costMinor: Number(own[0]?.cost ?? 0),
    },
  };
}
