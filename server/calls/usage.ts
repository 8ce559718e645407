import { walletCurrency } from "../billing/wallet";
import type { TenantDb } from "../db/tenant";

export type UsageDay = { day: string; calls: number; seconds: number; billedSeconds: number; costMinor: number };

/** The longest period one usage read covers. */
export const MAX_USAGE_DAYS = 366;

/**
 * The tenant's daily usage from `fromDay` to `toDay` (UTC days, both included): every call it paid
 * for, its own and those of the accounts below it, and what it was charged for them. Days without
 * calls are absent. Read from the tenant's own roll-up rows (usage_daily), never another's.
 */
export async function usageByDay(
  db: TenantDb,
  accountId: string,
  input: { fromDay: string; toDay: string },
): Promise<{ accountId: string; currency: string; days: UsageDay[] }> {
  const rows = await db.$queryRaw<
    { day: Date; calls: bigint; seconds: bigint; billed_seconds: bigint; cost: bigint }[]
  >`SELECT day, sum(calls)::bigint AS calls, sum(seconds)::bigint AS seconds, sum(billed_seconds)::bigint AS billed_seconds,
           sum(cost_minor)::bigint AS cost
      FROM usage_daily
     WHERE account_id = ${accountId}::uuid AND day BETWEEN ${input.fromDay}::date AND ${input.toDay}::date
     GROUP BY day
     ORDER BY day`;
  const currency = await walletCurrency(db, accountId);
  return {
    accountId,
    currency,
    days: rows.map((row) => ({
      day: row.day.toISOString().slice(0, 10),
      calls: Number(row.calls),
      seconds: Number(row.seconds),
      billedSeconds: Number(row.billed_seconds),
      costMinor: Number(row.cost),
    })),
  };
}
