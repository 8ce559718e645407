import { requireOwnOrBelow } from "../accounts/scope";
import type { TenantDb } from "../db/tenant";
import type { EntryKind, LedgerEntryView } from "./ledger";
import { walletCurrency } from "./wallet";

export type Statement = {
  accountId: string;
  accountName: string;
  currency: string;
  /** The month, "2026-11", and its first and last day (UTC). */
  month: string;
  fromDay: string;
  toDay: string;
  /** The balance before the month's first entry, and after its last. */
  openingMinor: number;
  closingMinor: number;
  /** Each kind's sum over the month: closing = opening + the sum of these. */
  totals: Record<EntryKind, number>;
  entries: Omit<LedgerEntryView, "author">[];
  /** The month's calls of the account itself and what it was charged for them. */
  calls: { count: number; seconds: number; chargedMinor: number };
};

type EntryRow = {
  id: string;
  kind: EntryKind;
  amount_minor: bigint;
  balance_after_minor: bigint;
  reason: string;
  created_at: Date;
};

/** The month "2026-11" as its first day and the first day of the next, in UTC. */
export function monthBounds(month: string): { start: Date; end: Date; fromDay: string; toDay: string } {
  const [year, number] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const start = new Date(Date.UTC(year, number - 1, 1));
  const end = new Date(Date.UTC(year, number, 1));
  return {
    start,
    end,
    fromDay: start.toISOString().slice(0, 10),
    toDay: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10),
  };
}

/**
 * A monthly statement of the tenant's wallet or of one below it: the opening balance, every entry
 * of the month in the order it posted, the closing balance, the sums by kind, and the month's
 * calls. NOT_FOUND for any other account. Entries belong to the month they were posted in (UTC).
 */
export async function monthlyStatement(
  db: TenantDb,
  tenantId: string,
  input: { accountId?: string; month: string },
): Promise<Statement> {
  const accountId = input.accountId ?? tenantId;
  const account = await requireOwnOrBelow(db, tenantId, accountId);
  const { start, end, fromDay, toDay } = monthBounds(input.month);
  const [before] = await db.$queryRaw<{ balance: bigint }[]>`
    SELECT balance_after_minor AS balance FROM ledger_entries
     WHERE account_id = ${accountId}::uuid AND created_at < ${start}
     ORDER BY seq DESC LIMIT 1`;
  const rows = await db.$queryRaw<EntryRow[]>`
    SELECT id, kind, amount_minor, balance_after_minor, reason, created_at FROM ledger_entries
     WHERE account_id = ${accountId}::uuid AND created_at >= ${start} AND created_at < ${end}
     ORDER BY seq`;
  const [calls] = await db.$queryRaw<{ count: bigint; seconds: bigint; charged: bigint }[]>`
    SELECT count(*) AS count, coalesce(sum(duration_seconds), 0)::bigint AS seconds,
           coalesce(sum(charged_minor), 0)::bigint AS charged
      FROM call_records WHERE account_id = ${accountId}::uuid AND started_at >= ${start} AND started_at < ${end}`;
  const currency = await walletCurrency(db, accountId);
  const openingMinor = Number(before?.balance ?? 0);
  const entries = rows.map((row) => ({
    id: row.id,
    accountId,
    kind: row.kind,
    amountMinor: Number(row.amount_minor),
    balanceAfterMinor: Number(row.balance_after_minor),
    reason: row.reason,
    createdAt: row.created_at,
  }));
  const totals: Record<EntryKind, number> = { top_up: 0, charge: 0, refund: 0, adjustment: 0 };
  for (const entry of entries) totals[entry.kind] += entry.amountMinor;
  return {
    accountId,
    accountName: account.name,
    currency,
    month: input.month,
    fromDay,
    toDay,
    openingMinor,
    closingMinor: entries.at(-1)?.balanceAfterMinor ?? openingMinor,
    totals,
    entries,
    calls: {
      count: Number(calls?.count ?? 0),
      seconds: Number(calls?.seconds ?? 0),
      chargedMinor: Number(calls?.charged ?? 0),
    },
  };
}
