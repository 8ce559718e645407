import { z } from "zod";
import { plainText } from "../api/schemas/text";
import { recordAudit } from "../audit/record";
import { accountAllowedOnHost } from "../auth/host-rule";
import { hashPassword } from "../auth/password";
import { withTenant } from "../db/tenant";
import type { PrismaClient } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { LIMITS } from "../limits/registry";
import { noteRetryLater } from "../limits/retry-after-scope";
import { RetryLater } from "../limits/retry-later";
import { sharedCounter } from "../limits/shared-counter";
import { mailBrandOf } from "../mail/brand";
import { linkOrigin } from "../mail/link-origin";
import { mailer } from "../mail/mailer";
import { passwordResetMessage } from "../mail/messages";
import type { HostBrand } from "../tenancy/host-resolver";
import { SlugSchema } from "../tenancy/slug";
import { LinkToken, usableLink } from "./accept-invitation";
import { consumeLink, issueLink, linkRefusal } from "./one-time-links";
import { NewPassword, passwordIsEmail } from "./password-rules";

export const RESET_PASSWORD_PATH = "/reset-password";

export const RequestPasswordResetInput = z.object({
  tenant: plainText({ label: "The tenant", max: 40, required: "Enter your tenant." }).pipe(SlugSchema),
  email: plainText({ label: "The email address", max: 254, required: "Enter your email address." })
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address" })),
});

export const ResetPasswordInput = z.object({ token: LinkToken, password: NewPassword });

/** The one answer to every "forgot password?" request that is not throttled. */
export const RESET_REQUESTED =
  "If that tenant has an active user with this e-mail address, we have sent a link to choose a new password. It expires in 1 hour.";

type ResetTarget = {
  account_id: string;
  ancestors: string[];
  account_status: "active" | "suspended" | "closed";
  user_id: string;
  user_status: "invited" | "active" | "deactivated";
};

/** Counts the request per client address, per tenant and per tenant and e-mail; RetryLater past a limit. */
async function throttle(db: PrismaClient, input: { tenant: string; email: string }, ip: string | null) {
  const { perSource, perAccount, perUser } = LIMITS.passwordReset;
  const states = await Promise.all([
    sharedCounter(db, perSource).hit(ip ?? "unknown"),
    sharedCounter(db, perAccount).hit(input.tenant),
    sharedCounter(db, perUser).hit(`${input.tenant}\u0000${input.email}`),
  ]);
  const refused = states.find((state) => !state.allowed);
  if (refused) {
    const later = new RetryLater(refused.msBeforeNext, "Too many password reset requests");
    noteRetryLater(later);
    throw new DomainError("TOO_MANY_REQUESTS", problem("throttled", later.message));
  }
}

/**
 * "Forgot password?": the same answer whether or not the user exists. A link (1 hour) is mailed
 * only to an active user of an active account that signs in on this host, on its brand host.
 * Throttled before anything is looked up.
 */
export async function requestPasswordReset(
  db: PrismaClient,
  host: HostBrand,
  rawInput: unknown,
  request: { ip: string | null; origin: string },
): Promise<{ message: string }> {
  const input = RequestPasswordResetInput.parse(rawInput);
  await throttle(db, input, request.ip);
  const rows = await db.$queryRaw<ResetTarget[]>`
    SELECT * FROM app_password_reset_target(${input.tenant}, ${input.email})`;
  const target = rows[0];
  if (
    target &&
    target.user_status === "active" &&
    target.account_status === "active" &&
    accountAllowedOnHost(host, target.account_id, target.ancestors)
  ) {
    await withTenant(db, target.account_id, async (tx) => {
      const issued = await issueLink(tx, {
        accountId: target.account_id,
        userId: target.user_id,
        purpose: "password_reset",
      });
      const origin = await linkOrigin(tx, target.account_id, request.origin);
      const brand = await mailBrandOf(tx, target.account_id, origin);
      const actor = {
        accountId: target.account_id,
        userId: target.user_id,
        userAccountId: target.account_id,
        ip: request.ip,
      };
      await recordAudit(tx, actor, {
        action: "user.password_reset_requested",
        targetAccountId: target.account_id,
        details: { userId: target.user_id, email: issued.email },
      });
      const link = `${origin}${RESET_PASSWORD_PATH}?token=${issued.token}`;
      await mailer().send(
        passwordResetMessage(
          brand,
          { email: issued.email, name: issued.userName, accountName: issued.accountName },
          link,
        ),
      );
    });
  }
  return { message: RESET_REQUESTED };
}

/** Whether a reset link may be used here (the page asks before showing its form). */
export async function checkResetLink(db: PrismaClient, host: HostBrand, token: string) {
  const link = await usableLink(db, host, LinkToken.parse(token), "password_reset");
  return { tenant: link.account_slug, email: link.email };
}

/**
 * Sets a new password through a reset link, in one transaction: the link is consumed once, the
 * password changes (the database then ends every session of the user), the audit log says so.
 */
export async function resetPassword(db: PrismaClient, host: HostBrand, rawInput: unknown, ip: string | null) {
  const input = ResetPasswordInput.parse(rawInput);
  const link = await usableLink(db, host, input.token, "password_reset");
  if (passwordIsEmail(input.password, link.email)) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("password_is_email", "Choose a password other than your e-mail address.", "password"),
    );
  }
  const passwordHash = await hashPassword(input.password);
  return withTenant(db, link.account_id, async (tx) => {
    const { accountId, userId } = await consumeLink(tx, input.token, "password_reset");
    const updated = await tx.user.updateMany({
      where: { accountId, id: userId, status: "active" },
      data: { passwordHash },
    });
    if (updated.count !== 1) throw linkRefusal("password_reset", "unknown");
    await recordAudit(
      tx,
      { accountId, userId, userAccountId: accountId, ip },
      {
        action: "user.password_reset",
        targetAccountId: accountId,
        details: { userId, email: link.email },
      },
    );
    return { tenant: link.account_slug, email: link.email };
  });
}
