import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { requireBilledChild } from "./bill-child";
import { type WalletView, walletOf } from "./wallet";

/**
 * Sets how far below zero a child's balance may go. Only the account's own parent sets it
 * (NOT_FOUND otherwise; the database's policy says the same). A limit below what the account
 * already owes is allowed: the account is then over credit, and neither it nor anything below it
 * can spend until it is topped up. Audited with the limit before and after; an unchanged limit
 * writes nothing.
 */
export async function setCreditLimit(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; creditLimitMinor: number },
): Promise<WalletView> {
  const child = await requireBilledChild(db, actor.accountId, input.accountId);
  // The wallet's row lock: a posting running at the same time is checked against one limit or the other, never half.
  const [before] = await db.$queryRaw<{ credit_limit: bigint }[]>`
    SELECT credit_limit_minor AS credit_limit FROM wallets WHERE account_id = ${child.id}::uuid FOR UPDATE`;
  if (!before) throw new Error(`account ${child.id} has no wallet`);
  if (Number(before.credit_limit) !== input.creditLimitMinor) {
    await db.$executeRaw`
      UPDATE wallets SET credit_limit_minor = ${input.creditLimitMinor}, updated_at = now()
       WHERE account_id = ${child.id}::uuid`;
    await recordAudit(db, actor, {
      action: "billing.credit_limit",
      targetAccountId: child.id,
      details: {
        before: { creditLimitMinor: Number(before.credit_limit) },
        after: { creditLimitMinor: input.creditLimitMinor },
      },
    });
  }
  return walletOf(db, actor.accountId, child.id);
}
