/**
 * Token families in the database: a family is a `program` row of user_sessions (every access token
 * names it as `sid`; deleting it ends them all at once) with its refresh tokens, which outlive it
 * as tombstones so that a later refresh says why it ended. All of it goes through SECURITY DEFINER
 * functions (migrations 20261130090000, 20261130090100): these run before any tenant is known, and
 * the request role may only read its own tenant's rows of refresh_tokens.
 */
import type { Prisma } from "../db/types";
import { env } from "../env";
import type { Role } from "./permissions";
import { generateRefreshToken, hashRefreshToken } from "./refresh-token";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Starts a family for a user whose password was just verified; its first refresh token. */
export async function startTokenFamily(
  db: Db,
  user: { accountId: string; userId: string },
): Promise<{ sessionId: string; refreshToken: string }> {
  const refresh = generateRefreshToken();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT app_start_program_session(${user.accountId}::uuid, ${user.userId}::uuid,
                                     make_interval(secs => ${env.TOKEN_FAMILY_TTL_SECONDS}), ${refresh.hash},
                                     make_interval(secs => ${env.REFRESH_TOKEN_TTL_SECONDS})) AS id`;
  const sessionId = rows[0]?.id;
  if (!sessionId) throw new Error("app_start_program_session returned no session id");
  return { sessionId, refreshToken: refresh.token };
}

/** The family a refresh token belongs to, if it is known (used or not). */
export async function familyOfRefreshToken(
  db: Db,
  token: string,
): Promise<{ accountId: string; sessionId: string } | null> {
  const rows = await db.$queryRaw<{ account_id: string; session_id: string }[]>`
    SELECT * FROM app_refresh_token_family(${hashRefreshToken(token)})`;
  const row = rows[0];
  return row ? { accountId: row.account_id, sessionId: row.session_id } : null;
}

export type RotationRefusal =
  | "refresh_invalid"
  | "refresh_expired"
  | "refresh_reused"
  | "session_ended"
  | "user_inactive"
  | "account_suspended";

export type Rotation =
  | {
      ok: true;
      refreshToken: string;
      family: { accountId: string; accountSlug: string; userId: string; role: Role; sessionId: string };
    }
  | { ok: false; reason: RotationRefusal; family: { accountId: string; userId: string; sessionId: string } | null };

type RotationRow = {
  outcome: "rotated" | RotationRefusal;
  account_id: string | null;
  account_slug: string | null;
  user_id: string | null;
  role: Role | null;
  session_id: string | null;
};

/**
 * Rotates `token` in one statement under a lock on its row: the token is marked used and a new
 * one returned, or the reason it cannot be (a reuse has deleted the whole family by then).
 */
export async function rotateRefreshToken(db: Db, token: string): Promise<Rotation> {
  const next = generateRefreshToken();
  const rows = await db.$queryRaw<RotationRow[]>`
    SELECT * FROM app_rotate_refresh_token(${hashRefreshToken(token)}, ${next.hash},
                                           make_interval(secs => ${env.REFRESH_TOKEN_TTL_SECONDS}))`;
  const row = rows[0];
  if (!row) throw new Error("app_rotate_refresh_token answered no row");
  if (row.outcome !== "rotated") {
    const family =
      row.account_id && row.user_id && row.session_id
        ? { accountId: row.account_id, userId: row.user_id, sessionId: row.session_id }
        : null;
    return { ok: false, reason: row.outcome, family };
  }
  if (!row.account_id || !row.account_slug || !row.user_id || !row.role || !row.session_id) {
    throw new Error("app_rotate_refresh_token rotated without naming the family");
  }
  return {
    ok: true,
    refreshToken: next.token,
    family: {
      accountId: row.account_id,
      accountSlug: row.account_slug,
      userId: row.user_id,
      role: row.role,
      sessionId: row.session_id,
    },
  };
}

/** Ends the family of a refresh token (logout). False when the token is unknown or its family had ended. */
export async function endFamilyOfRefreshToken(db: Db, token: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ ended: boolean }[]>`
    SELECT app_end_program_session(${hashRefreshToken(token)}) AS ended`;
  return rows[0]?.ended === true;
}
