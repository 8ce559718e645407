import type { TenantDb } from "../db/tenant";
import { childrenReport } from "./children-report";

export type BusinessSummary = {
  currency: string;
  /** The reseller's own children by status. */
  accounts: { active: number; suspended: number; closed: number };
  /** This month so far (UTC): the children's calls, what they paid, what it cost, the margin. */
  thisMonth: {
    fromDay: string;
    toDay: string;
    calls: number;
    seconds: number;
    revenueMinor: number;
    costMinor: number;
    marginMinor: number;
  };
  /** Accounts anywhere below that are past their credit limit (at most 20, the furthest past first). */
  overCredit: { accountId: string; name: string; balanceMinor: number; creditLimitMinor: number }[];
  /** The reseller's own children whose balance is below their alert threshold (at most 20, furthest below first). */
  belowAlertThreshold: { accountId: string; name: string; balanceMinor: number; thresholdMinor: number }[];
};

/**
 * What a reseller's home page shows first: its accounts, this month's business, who cannot spend,
 * and which of the accounts it bills are below their low-balance alert threshold.
 */
export async function businessSummary(db: TenantDb, resellerId: string, now = new Date()): Promise<BusinessSummary> {
  const today = now.toISOString().slice(0, 10);
  const month = await childrenReport(db, resellerId, { fromDay: `${today.slice(0, 8)}01`, toDay: today });
  const statuses = await db.$queryRaw<{ status: "active" | "suspended" | "closed"; count: bigint }[]>`
    SELECT status, count(*) AS count FROM accounts WHERE parent_id = ${resellerId}::uuid GROUP BY status`;
  const over = await db.$queryRaw<{ account_id: string; name: string; balance: bigint; credit_limit: bigint }[]>`
    SELECT w.account_id, a.name, w.balance_minor AS balance, w.credit_limit_minor AS credit_limit
      FROM wallets w JOIN accounts a ON a.id = w.account_id
     WHERE w.account_ancestors @> ARRAY[${resellerId}::uuid] AND w.balance_minor < -w.credit_limit_minor
     ORDER BY w.balance_minor + w.credit_limit_minor, a.name
     LIMIT 20`;
  const low = await db.$queryRaw<{ account_id: string; name: string; balance: bigint; threshold: bigint }[]>`
    SELECT w.account_id, a.name, w.balance_minor AS balance, t.threshold_minor AS threshold
      FROM low_balance_thresholds t
      JOIN wallets w ON w.account_id = t.account_id
      JOIN accounts a ON a.id = t.account_id
     WHERE a.parent_id = ${resellerId}::uuid AND w.balance_minor < t.threshold_minor
     ORDER BY w.balance_minor - t.threshold_minor, a.name
     LIMIT 20`;
  const count = (status: "active" | "suspended" | "closed") =>
    Number(statuses.find((row) => row.status === status)?.count ?? 0);
  return {
    currency: month.currency,
    accounts: { active: count("active"), suspended: count("suspended"), closed: count("closed") },
    thisMonth: { fromDay: month.fromDay, toDay: month.toDay, ...month.totals },
    overCredit: over.map((row) => ({
      accountId: row.account_id,
      name: row.name,
      balanceMinor: Number(row.balance),
      creditLimitMinor: Number(row.credit_limit),
    })),
    belowAlertThreshold: low.map((row) => ({
      accountId: row.account_id,
      name: row.name,
      balanceMinor: Number(row.balance),
      thresholdMinor: Number(row.threshold),
    })),
  };
}
