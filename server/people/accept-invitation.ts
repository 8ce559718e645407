import { z } from "zod";
import { nameText, plainText } from "../api/schemas/text";
import { recordAudit } from "../audit/record";
import { accountAllowedOnHost } from "../auth/host-rule";
import { hashPassword } from "../auth/password";
import { withTenant } from "../db/tenant";
import type { PrismaClient } from "../db/types";
import { DomainError, problem } from "../domain-error";
import type { HostBrand } from "../tenancy/host-resolver";
import { consumeLink, type LinkPurpose, type LinkRow, linkRefusal, readLink } from "./one-time-links";
import { NewPassword, passwordIsEmail } from "./password-rules";

export const LinkToken = plainText({ label: "The link", max: 100, required: "This link is not valid." });

export const AcceptInvitationInput = z.object({
  token: LinkToken,
  name: nameText({ label: "Your name", max: 80, required: "Enter your name." }),
  password: NewPassword,
});

/**
 * The link a token names if it may be used on `host`: a link of an account that does not sign in
 * on this brand's host answers as if it did not exist, so another brand's page reveals nothing.
 */
export async function usableLink(
  db: PrismaClient,
  host: HostBrand,
  token: string,
  purpose: LinkPurpose,
): Promise<LinkRow> {
  const link = await readLink(db, token, purpose);
  if (!link || !accountAllowedOnHost(host, link.account_id, link.ancestors)) throw linkRefusal(purpose, "unknown");
  if (link.state !== "valid") throw linkRefusal(purpose, link.state);
  if (purpose === "invitation" && link.user_status !== "invited") throw linkRefusal(purpose, "used");
  if (purpose === "password_reset" && link.user_status !== "active") throw linkRefusal(purpose, "unknown");
  return link;
}

/** What the invitation page shows: the account and the e-mail, nothing else. */
export async function readInvitation(db: PrismaClient, host: HostBrand, token: string) {
  const link = await usableLink(db, host, LinkToken.parse(token), "invitation");
  return { accountName: link.account_name, tenant: link.account_slug, email: link.email, name: link.user_name };
}

/**
 * Accepts an invitation in one transaction: the link is consumed (once, whoever comes second is
 * refused), the user gets their name and password and becomes active, and the audit log says so.
 * Any refusal writes nothing. Returns what the sign-in form needs.
 */
export async function acceptInvitation(db: PrismaClient, host: HostBrand, rawInput: unknown, ip: string | null) {
  const input = AcceptInvitationInput.parse(rawInput);
  const link = await usableLink(db, host, input.token, "invitation");
  if (passwordIsEmail(input.password, link.email)) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("password_is_email", "Choose a password other than your e-mail address.", "password"),
    );
  }
  const passwordHash = await hashPassword(input.password);
  return withTenant(db, link.account_id, async (tx) => {
    const { accountId, userId } = await consumeLink(tx, input.token, "invitation");
    const updated = await tx.user.updateMany({
      where: { accountId, id: userId, status: "invited" },
      data: { name: input.name, passwordHash, status: "active" },
    });
    if (updated.count !== 1) throw linkRefusal("invitation", "used");
    await recordAudit(
      tx,
      { accountId, userId, userAccountId: accountId, ip },
      {
        action: "user.invitation_accepted",
        targetAccountId: accountId,
        details: { userId, email: link.email, name: input.name },
      },
    );
    return { tenant: link.account_slug, email: link.email };
  });
}
