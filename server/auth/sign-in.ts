import { z } from "zod";
import type { PrismaClient } from "@/server/db/types";
import { fieldOf, reasonOf } from "../api/error-message";
import { plainText } from "../api/schemas/text";
import { recordAudit } from "../audit/record";
import { withTenant } from "../db/tenant";
import { noteRetryLater } from "../limits/retry-after-scope";
import { RetryLater } from "../limits/retry-later";
import type { HostBrand } from "../tenancy/host-resolver";
import { SlugSchema } from "../tenancy/slug";
import { accountAllowedOnHost } from "./host-rule";
import { verifyPassword } from "./password";
import type { Role } from "./permissions";
import { type AdmittedAttempt, SignInThrottle } from "./throttle";

export const SignInInput = z.object({
  email: plainText({ label: "The email address", max: 254 })
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address" })),
  password: z.string().min(1, "Enter your password").max(256, "That password is too long"),
  tenant: plainText({ label: "The tenant", max: 40 }).pipe(SlugSchema),
});
export type SignInInput = z.infer<typeof SignInInput>;

export type SignedInUser = {
  userId: string;
  accountId: string;
  /** The account's slug: the tenant the user named, which tokens and X-Tenant use. */
  accountSlug: string;
  role: Role;
};

/** How the user signs in: a browser (session cookie) or a program (POST /api/auth/login, tokens). */
export type SignInVia = "session" | "token";

export type SignInFailure =
  | { ok: false; code: "INVALID_INPUT"; message: string; reason: string; field: string | null }
  | { ok: false; code: "BAD_CREDENTIALS" | "ACCOUNT_INACTIVE"; message: string }
  | { ok: false; code: "THROTTLED"; message: string; retryAfterSeconds: number };

export type SignInResult = { ok: true; user: SignedInUser } | SignInFailure;

type CredentialsRow = {
  account_id: string;
  ancestors: string[];
  account_status: "active" | "suspended" | "closed";
  user_id: string | null;
  role: SignedInUser["role"] | null;
  user_status: "invited" | "active" | "deactivated" | null;
  /** null for an invited user, who has no password yet */
  password_hash: string | null;
};

/** The one answer for a tenant that does not sign in here, an unknown e-mail and a wrong password. */
export const BAD_CREDENTIALS = "Tenant, email or password is incorrect.";

/**
 * Checks a sign-in on `host`. Unknown tenants, tenants that do not sign in on this host, unknown
 * emails, wrong passwords and users who are not active (invited, deactivated) all cost one argon2
 * verification and answer the same, so neither the answer nor its timing tells which tenants or
 * users exist, or who has been invited or has left. Whether an account is active is said
 * only to someone who gave its password.
 *
 * The one sign-in of browsers (next-auth's authorize) and programs (POST /api/auth/login): both
 * get the same throttle, host rule and answers; `via` is recorded in the audit entry.
 */
export async function signIn(
  db: PrismaClient,
  host: HostBrand,
  rawInput: unknown,
  ip: string | null,
  throttle = SignInThrottle.for(db),
  via: SignInVia = "session",
): Promise<SignInResult> {
  const parsed = SignInInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      code: "INVALID_INPUT",
      message: issue?.message ?? "Invalid sign-in",
      reason: issue ? reasonOf(issue) : "invalid",
      field: issue ? fieldOf(issue.path) : null,
    };
  }
  const input = parsed.data;
  let attempt: AdmittedAttempt;
  try {
    attempt = await throttle.admit({ tenant: input.tenant, email: input.email, ip });
  } catch (refusal) {
    if (!(refusal instanceof RetryLater)) throw refusal;
    noteRetryLater(refusal);
    return { ok: false, code: "THROTTLED", message: refusal.message, retryAfterSeconds: refusal.retryAfterSeconds };
  }

  const rows = await db.$queryRaw<CredentialsRow[]>`
    SELECT * FROM app_credentials(${input.tenant}, ${input.email})`;
  const row = rows[0];
  if (!row || !accountAllowedOnHost(host, row.account_id, row.ancestors)) {
    await verifyPassword(null, input.password);
    return { ok: false, code: "BAD_CREDENTIALS", message: BAD_CREDENTIALS };
  }
  // One verification whatever the user's status (an invited user has no hash: the dummy one), and
  // the same answer for an invited or deactivated user as for a wrong password.
  const valid = await verifyPassword(row.password_hash, input.password);
  if (!valid || !row.user_id || !row.role || row.user_status !== "active") {
    return { ok: false, code: "BAD_CREDENTIALS", message: BAD_CREDENTIALS };
  }
  if (row.account_status !== "active") {
    return {
      ok: false,
      code: "ACCOUNT_INACTIVE",
      message: `This account is ${row.account_status}. Contact your provider's support.`,
    };
  }
  await attempt.succeeded();
  const user: SignedInUser = {
    userId: row.user_id,
    accountId: row.account_id,
    accountSlug: input.tenant,
    role: row.role,
  };
  const actor = { accountId: user.accountId, userId: user.userId, userAccountId: user.accountId, ip };
  await withTenant(db, user.accountId, (tx) =>
    recordAudit(tx, actor, {
      action: "auth.sign_in",
      targetAccountId: user.accountId,
      details: { host: host.hostname, via },
    }),
  );
  return { ok: true, user };
}
