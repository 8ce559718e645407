import { createHash, randomBytes } from "node:crypto";
import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";

export type LinkPurpose = "invitation" | "password_reset";

/** How long a link holds: an invitation a week, a password reset an hour. */
export const LINK_LIFETIME_SECONDS: Record<LinkPurpose, number> = {
  invitation: 7 * 24 * 60 * 60,
  password_reset: 60 * 60,
};

/** A token is 32 random bytes, base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function tokenHash(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * Issues a link for a user of the tenant or of an account below it, retiring the user's older
 * unused links of the same purpose; returns the token, which exists only in the mail from here on.
 * The database refuses another account, and a user whose status the purpose does not fit.
 */
export async function issueLink(
  db: TenantDb,
  target: { accountId: string; userId: string; purpose: LinkPurpose },
): Promise<IssuedLink> {
  const token = randomBytes(32).toString("base64url");
  try {
    const rows = await db.$queryRaw<{ email: string; user_name: string; account_name: string }[]>`
      SELECT * FROM app_issue_one_time_link(${target.accountId}::uuid, ${target.userId}::uuid,
                                            ${target.purpose}::one_time_link_purpose, ${tokenHash(token)},
                                            make_interval(secs => ${LINK_LIFETIME_SECONDS[target.purpose]}))`;
    const row = rows[0];
    if (!row) throw new Error("app_issue_one_time_link returned no row");
    return { token, email: row.email, userName: row.user_name, accountName: row.account_name };
  } catch (error) {
    throw issueRefusalOf(error, target.purpose) ?? error;
  }
}

export type IssuedLink = { token: string; email: string; userName: string; accountName: string };

/** The SQLSTATE of a database error, wherever Prisma and the driver adapter put it. */
function sqlStateOf(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as { originalCode?: unknown; cause?: unknown; meta?: unknown };
    if (typeof candidate.originalCode === "string") return candidate.originalCode;
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}

/**
 * app_issue_one_time_link's refusals (migration 20261130010000) as problems: another account's
 * user, or no such user, is not found (it must not reveal that the user exists); a user whose
 * status the link does not fit is a conflict.
 */
function issueRefusalOf(error: unknown, purpose: LinkPurpose): DomainError | null {
  switch (sqlStateOf(error)) {
    case "42501":
    case "LK002":
      return new DomainError("NOT_FOUND", problem("user_not_found", "No such user."));
    case "LK001":
      return purpose === "invitation"
        ? new DomainError(
            "CONFLICT",
            problem(
              "not_invited",
              "This user has already accepted or is deactivated; only an invited user gets an invitation.",
            ),
          )
        : new DomainError("CONFLICT", problem("not_active", "Only an active user can reset a password."));
    default:
      return null;
  }
}

export type LinkState = "valid" | "expired" | "used" | "replaced";

export type LinkRow = {
  account_id: string;
  ancestors: string[];
  account_slug: string;
  account_name: string;
  user_id: string;
  email: string;
  user_name: string;
  user_status: "invited" | "active" | "deactivated";
  state: LinkState;
  expires_at: Date;
};

/** What a token names, whatever its state; null for a token nobody issued (or a malformed one). */
export async function readLink(db: Db, token: string, purpose: LinkPurpose): Promise<LinkRow | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const rows = await db.$queryRaw<LinkRow[]>`
    SELECT * FROM app_read_one_time_link(${tokenHash(token)}, ${purpose}::one_time_link_purpose)`;
  return rows[0] ?? null;
}

const LINK_WORDS: Record<LinkPurpose, { noun: string; again: string }> = {
  invitation: { noun: "invitation link", again: "Ask whoever invited you to send a new invitation." },
  password_reset: {
    noun: "password reset link",
    again: 'Use "Forgot password?" on the sign-in page to get a new one.',
  },
};

/** The refusal for a link that cannot be used, by reason: `link_unknown`, `link_expired`, `link_used`, `link_replaced`. */
export function linkRefusal(purpose: LinkPurpose, state: Exclude<LinkState, "valid"> | "unknown"): DomainError {
  const { noun, again } = LINK_WORDS[purpose];
  const sentence = {
    unknown: `This ${noun} is not valid.`,
    expired: `This ${noun} has expired.`,
    used: `This ${noun} has already been used.`,
    replaced: `A newer ${noun} has been sent; this one no longer works.`,
  }[state];
  return new DomainError(
    state === "unknown" ? "NOT_FOUND" : "CONFLICT",
    problem(`link_${state}`, `${sentence} ${again}`),
  );
}

/**
 * Marks the link used, once: the database's one UPDATE admits only an unused, unexpired, current
 * link, so of two concurrent uses one wins and the other is refused with the link's reason. Runs
 * inside the transaction that makes the change the link allows, which rolls back with it.
 */
export async function consumeLink(
  db: TenantDb,
  token: string,
  purpose: LinkPurpose,
): Promise<{ accountId: string; userId: string }> {
  const rows = TOKEN_PATTERN.test(token)
    ? await db.$queryRaw<{ account_id: string; user_id: string }[]>`
        SELECT * FROM app_consume_one_time_link(${tokenHash(token)}, ${purpose}::one_time_link_purpose)`
    : [];
  const row = rows[0];
  if (row) return { accountId: row.account_id, userId: row.user_id };
  const link = await readLink(db, token, purpose);
  throw linkRefusal(purpose, link && link.state !== "valid" ? link.state : link ? "used" : "unknown");
}
