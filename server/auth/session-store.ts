/**
 * Server-side sessions: the session token (next-auth JWT) names one row of `user_sessions` by its
 * `sid` claim, and a request is signed in only while that row lives (the check is part of
 * `app_session`, the query every authed request already makes). The database ends sessions by
 * itself when a password changes, a user is deleted, or an account or one above it is suspended
 * or closed; these functions are the other ways in and out.
 */
import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/** How long a browser session lasts from sign-in, whatever the cookie's own expiry says. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

/** Starts a session for a user whose password was just verified; the id goes into the token. */
export async function startSession(db: Db, user: { accountId: string; userId: string }): Promise<string> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT app_start_session(${user.accountId}::uuid, ${user.userId}::uuid,
                             make_interval(secs => ${SESSION_LIFETIME_SECONDS})) AS id`;
  const id = rows[0]?.id;
  if (!id) throw new Error("app_start_session returned no session id");
  return id;
}

/** Ends one session (sign-out). False when it had already ended. */
export async function endSession(db: Db, session: { accountId: string; sessionId: string }): Promise<boolean> {
  const rows = await db.$queryRaw<{ ended: boolean }[]>`
    SELECT app_end_session(${session.accountId}::uuid, ${session.sessionId}::uuid) AS ended`;
  return rows[0]?.ended === true;
}

/**
 * Ends every session of one user: for deactivating or removing a user, or signing them out
 * everywhere. `db` is a tenant transaction (withTenant); the user must belong to that tenant or
 * to an account below it, or the database refuses. A password change needs no call: the database
 * ends the sessions itself.
 */
export async function endSessionsOfUser(db: TenantDb, user: { accountId: string; userId: string }): Promise<number> {
  const rows = await db.$queryRaw<{ ended: number }[]>`
    SELECT app_end_user_sessions(${user.accountId}::uuid, ${user.userId}::uuid) AS ended`;
  return rows[0]?.ended ?? 0;
}
