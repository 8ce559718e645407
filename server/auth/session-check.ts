/**
 * A browser session checked in the round trip that begins the request's tenant transaction,
 * instead of in a round trip of its own before it. The cookie names the session and the account
 * the request would run as (the user's own, or the one opened with "open as"); the transaction
 * begins as that account, `app_session` answers in the same message, and nothing of the procedure
 * runs until principalOfSession has decided on that answer: a session that does not hold is
 * refused and its transaction rolled back, having read nothing.
 */
import { sqlUuid } from "../db/tenant-start";
import type { HostBrand } from "../tenancy/host-resolver";
import { principalOfSession, type Resolution, type SessionRow } from "./resolve-principal";
import type { PortalSession } from "./session";

/** A session cookie read and verified, whose check against the database is still to come. */
export type PendingSession = { session: PortalSession; openAs: string | null; host: HostBrand };

/** The account a pending session's request runs as, if the session holds. */
export function pendingTenant(pending: PendingSession): string {
  return pending.openAs ?? pending.session.accountId;
}

/** The statement that checks a pending session: `app_session`'s row as one jsonb column. */
export function sessionCheckSql(pending: PendingSession): string {
  const { accountId, userId, sessionId } = pending.session;
  const args = [accountId, userId, sessionId, pending.openAs].map(sqlUuid).join(", ");
  return `SELECT to_jsonb(s) AS checked FROM app_session(${args}) AS s`;
}

/** The principal of a pending session from the check's answer (null: the session does not hold). */
export function settlePendingSession(pending: PendingSession, checked: unknown): Resolution {
  return principalOfSession(pending.host, pending.session, pending.openAs, (checked as SessionRow | null) ?? null);
}
