import { z } from "zod";
import { nameText } from "../api/schemas/text";
import { recordAudit } from "../audit/record";
import { hashPassword, verifyPassword } from "../auth/password";
import { startSession } from "../auth/session-store";
import { withTenant } from "../db/tenant";
import type { PrismaClient } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { LIMITS } from "../limits/registry";
import { noteRetryLater } from "../limits/retry-after-scope";
import { RetryLater } from "../limits/retry-later";
import { sharedCounter } from "../limits/shared-counter";
import { NewPassword, passwordIsEmail } from "./password-rules";

export const UpdateProfileInput = z.object({
  name: nameText({ label: "Your name", max: 80, required: "Enter your name." }),
});

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(256, "That password is too long."),
  newPassword: NewPassword,
});

/** The signed-in person, in their own account (whatever account they have open). */
export type Self = { accountId: string; userId: string; ip: string | null };

const actorOf = (self: Self) => ({
  accountId: self.accountId,
  userId: self.userId,
  userAccountId: self.accountId,
  ip: self.ip,
});

export async function readProfile(db: PrismaClient, self: Self) {
  return withTenant(db, self.accountId, async (tx) => {
    const user = await tx.user.findFirst({
      where: { accountId: self.accountId, id: self.userId },
      select: { name: true, email: true, role: true },
    });
    if (!user) throw new DomainError("NOT_FOUND", problem("user_not_found", "Your user no longer exists."));
    return user;
  });
}

/** Changes the signed-in user's own name. */
export async function updateOwnName(db: PrismaClient, self: Self, rawInput: unknown) {
  const input = UpdateProfileInput.parse(rawInput);
  return withTenant(db, self.accountId, async (tx) => {
    const before = await tx.user.findFirst({
      where: { accountId: self.accountId, id: self.userId },
      select: { name: true },
    });
    if (!before) throw new DomainError("NOT_FOUND", problem("user_not_found", "Your user no longer exists."));
    if (before.name !== input.name) {
      await tx.user.updateMany({ where: { accountId: self.accountId, id: self.userId }, data: { name: input.name } });
      await recordAudit(tx, actorOf(self), {
        action: "user.profile_updated",
        targetAccountId: self.accountId,
        details: { userId: self.userId, before: { name: before.name }, after: { name: input.name } },
      });
    }
    return { name: input.name };
  });
}

/**
 * Changes the signed-in user's own password after checking the current one. The database ends
 * every session of the user when the password changes (migration 20261129020000), this one
 * included; a new session is started in the same transaction, so the caller can hand the browser
 * a new session token and the user stays signed in here, and only here.
 */
export async function changeOwnPassword(
  db: PrismaClient,
  self: Self,
  rawInput: unknown,
): Promise<{ sessionId: string }> {
  const input = ChangePasswordInput.parse(rawInput);
  const attempts = await sharedCounter(db, LIMITS.passwordReset.changePerUser).hit(
    `${self.accountId}\u0000${self.userId}`,
  );
  if (!attempts.allowed) {
    const later = new RetryLater(attempts.msBeforeNext, "Too many password changes");
    noteRetryLater(later);
    throw new DomainError("TOO_MANY_REQUESTS", problem("throttled", later.message));
  }
  const current = await withTenant(db, self.accountId, (tx) =>
    tx.user.findFirst({
      where: { accountId: self.accountId, id: self.userId },
      select: { passwordHash: true, email: true },
    }),
  );
  if (!current) throw new DomainError("NOT_FOUND", problem("user_not_found", "Your user no longer exists."));
  if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("wrong_password", "Your current password is not correct.", "currentPassword"),
    );
  }
  if (passwordIsEmail(input.newPassword, current.email)) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("password_is_email", "Choose a password other than your e-mail address.", "newPassword"),
    );
  }
  if (input.newPassword === input.currentPassword) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("password_unchanged", "Choose a password different from the current one.", "newPassword"),
    );
  }
  const passwordHash = await hashPassword(input.newPassword);
  return withTenant(db, self.accountId, async (tx) => {
    // Only if the password is still the one checked: a concurrent change wins, this one fails.
    const updated = await tx.user.updateMany({
      where: { accountId: self.accountId, id: self.userId, passwordHash: current.passwordHash, status: "active" },
      data: { passwordHash },
    });
    if (updated.count !== 1) {
      throw new DomainError(
        "CONFLICT",
        problem("password_changed_meanwhile", "Your password was changed meanwhile. Sign in again.", "currentPassword"),
      );
    }
    await recordAudit(tx, actorOf(self), {
      action: "user.password_changed",
      targetAccountId: self.accountId,
      details: { userId: self.userId },
    });
    return { sessionId: await startSession(tx, self) };
  });
}
