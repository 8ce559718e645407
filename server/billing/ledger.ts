import { requireOwnOrBelow } from "../accounts/scope";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { walletCurrency } from "./wallet";

export const ENTRY_KINDS = ["top_up", "charge", "refund", "adjustment"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type LedgerEntryView = {
  id: string;
  accountId: string;
  kind: EntryKind;
  amountMinor: number;
  balanceAfterMinor: number;
  reason: string;
  /**
   * Who posted it, as the reader may know them: `own` when a person or key of the reader's
   * account did (with their e-mail or the key's name), otherwise the provider above (no name:
   * a customer does not see its reseller's people, nor the platform).
   */
  author: { own: true; label: string | null } | { own: false };
  createdAt: Date;
};

export type LedgerPage = { currency: string; items: LedgerEntryView[]; nextCursor: string | null };

type EntryRow = {
  id: string;
  account_id: string;
  seq: bigint;
  kind: EntryKind;
  amount_minor: bigint;
  balance_after_minor: bigint;
  reason: string;
  author_account_id: string | null;
  author_label: string | null;
  created_at: Date;
};

/** The cursor of a ledger page: the last entry's posting number. */
export function isLedgerCursor(text: string): boolean {
  return /^[1-9][0-9]{0,17}$/.test(text);
}

/**
 * The entries of the tenant's wallet or of one below it, newest first, `limit` at a time after
 * `cursor`. NOT_FOUND for any other account.
 */
export async function listLedgerEntries(
  db: TenantDb,
  tenantId: string,
  input: { accountId?: string; kind?: EntryKind; cursor?: string; limit: number },
): Promise<LedgerPage> {
  const accountId = input.accountId ?? tenantId;
  await requireOwnOrBelow(db, tenantId, accountId);
  const currency = await walletCurrency(db, accountId);
  const rows = await db.$queryRaw<EntryRow[]>`
    SELECT id, account_id, seq, kind, amount_minor, balance_after_minor, reason, author_account_id, author_label, created_at
      FROM ledger_entries
     WHERE account_id = ${accountId}::uuid
       ${input.cursor ? Prisma.sql`AND seq < ${BigInt(input.cursor)}` : Prisma.empty}
       ${input.kind ? Prisma.sql`AND kind = ${input.kind}` : Prisma.empty}
     ORDER BY seq DESC
     LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    currency,
    items: page.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      kind: row.kind,
      amountMinor: Number(row.amount_minor),
      balanceAfterMinor: Number(row.balance_after_minor),
      reason: row.reason,
      author:
        row.author_account_id !== null && row.author_account_id === tenantId
          ? { own: true, label: row.author_label }
          : { own: false },
      createdAt: row.created_at,
    })),
    nextCursor: rows.length > input.limit && last ? String(last.seq) : null,
  };
}
