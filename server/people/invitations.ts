import type { Actor } from "../audit/record";
import { recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { mailBrandOf } from "../mail/brand";
import { linkOrigin } from "../mail/link-origin";
import { mailer } from "../mail/mailer";
import { invitationMessage } from "../mail/messages";
import { issueLink } from "./one-time-links";

/** The invitation page a link opens; the token follows in the query. */
export const INVITATION_PATH = "/invitation";

/**
 * Issues a single-use invitation link (7 days) for an `invited` user of `input.accountId` and
 * mails it, branded as that account's effective brand, pointing at its brand host (scheme and
 * port from `input.origin`, the request's origin). `db` is a tenant transaction whose tenant is
 * that account or an account above it (a reseller inviting a new child's first owner); another
 * account's user is not found. An older unused invitation of the user stops working. The mail is
 * sent inside the transaction: when it cannot be sent, the transaction fails and no link remains.
 */
export async function sendInvitation(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; userId: string; origin: string },
): Promise<void> {
  const issued = await issueLink(db, { accountId: input.accountId, userId: input.userId, purpose: "invitation" });
  const origin = await linkOrigin(db, input.accountId, input.origin);
  const brand = await mailBrandOf(db, input.accountId, origin);
  const link = `${origin}${INVITATION_PATH}?token=${issued.token}`;
  await recordAudit(db, actor, {
    action: "user.invitation_sent",
    targetAccountId: input.accountId,
    details: { userId: input.userId, email: issued.email },
  });
  await mailer().send(
    invitationMessage(brand, { email: issued.email, name: issued.userName, accountName: issued.accountName }, link),
  );
}
