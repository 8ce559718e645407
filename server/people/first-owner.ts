import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { withPlanLimits } from "../plans/limit-error";
import { sendInvitation } from "./invitations";

/**
 * Invites the first owner of `accountId`, an account the tenant (a reseller) has just created
 * below it, in the same transaction: if anything after fails, neither the account nor its owner
 * exists. The tenant's own policies admit only its own users, so the row is written by the narrow
 * SECURITY DEFINER app_invite_first_owner(), which checks that the account is below the tenant and
 * has no users yet; the invitation e-mail goes out in the same transaction too (a message that
 * cannot be sent undoes it all). Returns the new user's id.
 */
export async function inviteFirstOwner(
  db: TenantDb,
  actor: Actor,
  accountId: string,
  owner: { name: string; email: string },
  origin: string,
): Promise<string> {
  const rows = await withPlanLimits(
    () =>
      db.$queryRaw<{ id: string }[]>`
        SELECT app_invite_first_owner(${accountId}::uuid, ${owner.email}, ${owner.name}) AS id`,
    "owner.email",
  );
  const userId = rows[0]?.id;
  if (!userId) throw new Error("app_invite_first_owner returned no id");
  await recordAudit(db, actor, {
    action: "user.invite",
    targetAccountId: accountId,
    details: { userId, after: { email: owner.email, name: owner.name, role: "owner" } },
  });
  await sendInvitation(db, actor, { accountId, userId, origin });
  return userId;
}
