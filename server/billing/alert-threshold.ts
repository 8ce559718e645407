import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type WalletView, walletOf } from "./wallet";

const NOT_YOURS_TO_SET = "No such account of yours: set the alert of your own account or of one you bill.";

/**
 * Sets the balance below which the owners and admins of an account and of its parent are e-mailed
 * (null: no alert). The account sets its own, its parent sets its children's; both edit the same
 * value. NOT_FOUND for any other account (the database's policies say the same). Setting it does
 * not mail anyone, even when the balance is below it already: an alert is sent when a posting
 * crosses it (migration 20261201030000). Audited with the value before and after; an unchanged
 * threshold writes nothing.
 */
export async function setAlertThreshold(
  db: TenantDb,
  actor: Actor,
  input: { accountId?: string; thresholdMinor: number | null },
): Promise<WalletView> {
  const accountId = input.accountId ?? actor.accountId;
  const account = await db.account.findFirst({
    where: { id: accountId, OR: [{ id: actor.accountId }, { parentId: actor.accountId }] },
    select: { id: true },
  });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_YOURS_TO_SET, "accountId"));
  const [before] = await db.$queryRaw<{ threshold: bigint }[]>`
    SELECT threshold_minor AS threshold FROM low_balance_thresholds WHERE account_id = ${account.id}::uuid FOR UPDATE`;
  const beforeMinor = before ? Number(before.threshold) : null;
  if (beforeMinor !== input.thresholdMinor) {
    if (input.thresholdMinor === null) {
      await db.$executeRaw`DELETE FROM low_balance_thresholds WHERE account_id = ${account.id}::uuid`;
    } else {
      await db.$executeRaw`
        INSERT INTO low_balance_thresholds (account_id, threshold_minor) VALUES (${account.id}::uuid, ${input.thresholdMinor})
        ON CONFLICT (account_id) DO UPDATE SET threshold_minor = excluded.threshold_minor, updated_at = now()`;
    }
    await recordAudit(db, actor, {
      action: "billing.alert_threshold",
      targetAccountId: account.id,
      details: { before: { thresholdMinor: beforeMinor }, after: { thresholdMinor: input.thresholdMinor } },
    });
  }
  return walletOf(db, actor.accountId, account.id);
}
