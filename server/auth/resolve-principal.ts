/**
 * From the credentials a request presents to its principal or the reason it has none: one query
 * for a session or an access token (`app_session`), one for an API key (`app_api_key`), plus one
 * more only when the answer is no and the reason must be told. Nothing here runs as a tenant: the
 * tenant is what this decides.
 */
import type { SqlReader } from "../db/sql-reader";
import { Prisma } from "../db/types";
import { retryAfterSecondsOf } from "../limits/retry-later";
import type { HostBrand } from "../tenancy/host-resolver";
import { type AccessClaims, verifyAccessToken } from "./access-token";
import { hashApiKey } from "./api-key-secret";
import { accountAllowedOnHost } from "./host-rule";
import type { KeyUseLimits, Wait } from "./key-limits";
import { KEY_SCOPES, type Permission, permissionsOfRole, type Role, roleHas } from "./permissions";
import { type AuthRefusal, type Principal, refusal } from "./principal";
import type { PortalSession } from "./session";

/** What a request presents, read from its headers and cookies without asking the database. */
export type PresentedCredentials =
  | { kind: "none" }
  | { kind: "session"; session: PortalSession; openAs: string | null }
  | { kind: "token"; token: string; tenant: string | null }
  | { kind: "key"; key: string; tenant: string | null };

export type Resolution = { principal: Principal; refusal: null } | { principal: null; refusal: AuthRefusal | null };

const NONE: Resolution = { principal: null, refusal: null };
const refused = (reason: Parameters<typeof refusal>[0]): Resolution => ({ principal: null, refusal: refusal(reason) });
const rateLimited = (retryAfterSeconds: number): Resolution => ({
  principal: null,
  refusal: { ...refusal("rate_limited"), retryAfterSeconds },
});

/** What `app_session` answers for a session or token family that holds. */
export type SessionRow = {
  ancestors: string[];
  account_slug: string;
  account_name: string;
  role: Role;
  email: string;
  user_name: string;
  open_as_id: string | null;
  open_as_slug: string | null;
  open_as_name: string | null;
  open_as_status: "active" | "suspended" | "closed" | null;
};

async function sessionRow(
  read: SqlReader,
  who: { accountId: string; userId: string; sessionId: string },
  actingFor: string | null,
): Promise<SessionRow | null> {
  const rows = await read<SessionRow>(Prisma.sql`
    SELECT * FROM app_session(${who.accountId}::uuid, ${who.userId}::uuid, ${who.sessionId}::uuid, ${actingFor}::uuid)`);
  return rows[0] ?? null;
}

/** The opened account when it is below the user's, not closed, and the user's role may act as it. */
function openedAccount(row: SessionRow) {
  const { open_as_id: id, open_as_slug: slug, open_as_name: name } = row;
  if (!id || !slug || !name || row.open_as_status === "closed" || !roleHas(row.role, "accounts:write")) return null;
  return { id, slug, name };
}

function userPrincipal(
  via: "session" | "token",
  who: { accountId: string; userId: string; sessionId: string },
  row: SessionRow,
  tenant: { id: string; slug: string; name: string } | null,
): Principal {
  const home = { id: who.accountId, slug: row.account_slug, name: row.account_name, ancestors: row.ancestors };
  return {
    via,
    actor: { kind: "user", userId: who.userId, email: row.email, name: row.user_name, role: row.role },
    home,
    tenant: tenant ?? { id: home.id, slug: home.slug, name: home.name },
    // The role as it is now, not as the token or cookie remembers it.
    permissions: permissionsOfRole(row.role),
    sessionId: who.sessionId,
  };
}

/**
 * The principal of a browser session, given what `app_session` answered for it (null: no row).
 * The same decision whether the row was read on its own (fromSession) or in the message that
 * began the request's tenant transaction (server/auth/session-check.ts).
 */
export function principalOfSession(
  host: HostBrand,
  session: PortalSession,
  openAs: string | null,
  row: SessionRow | null,
): Resolution {
  const who = { accountId: session.accountId, userId: session.userId, sessionId: session.sessionId };
  if (!row || !accountAllowedOnHost(host, who.accountId, row.ancestors)) return refused("session_ended");
  if (!openAs) return { principal: userPrincipal("session", who, row, null), refusal: null };
  const opened = openedAccount(row);
  // Gone, closed, or the role no longer opens accounts: refused rather than quietly acting as the
  // user's own account.
  if (!opened) return refused("opened_account_gone");
  return { principal: userPrincipal("session", who, row, opened), refusal: null };
}

async function fromSession(read: SqlReader, host: HostBrand, session: PortalSession, openAs: string | null) {
  const who = { accountId: session.accountId, userId: session.userId, sessionId: session.sessionId };
  return principalOfSession(host, session, openAs, await sessionRow(read, who, openAs));
}

async function whySessionFails(read: SqlReader, claims: AccessClaims): Promise<Resolution> {
  const rows = await read<{ reason: "session_ended" | "user_inactive" | "account_suspended" }>(Prisma.sql`
    SELECT app_session_refusal(${claims.acct}::uuid, ${claims.sub}::uuid, ${claims.sid}::uuid) AS reason`);
  return refused(rows[0]?.reason ?? "session_ended");
}

async function fromToken(
  read: SqlReader,
  host: HostBrand,
  token: string,
  tenantHeader: string | null,
): Promise<Resolution> {
  const check = await verifyAccessToken(token);
  if (!check.ok) return refused(check.reason);
  const { claims } = check;
  if (!tenantHeader) return refused("tenant_missing");
  if (tenantHeader !== claims.tenant) return refused("tenant_mismatch");
  const who = { accountId: claims.acct, userId: claims.sub, sessionId: claims.sid };
  const actingFor = claims.tid === claims.acct ? null : claims.tid;
  const row = await sessionRow(read, who, actingFor);
  if (!row) return whySessionFails(read, claims);
  if (!accountAllowedOnHost(host, who.accountId, row.ancestors)) return refused("wrong_host");
  if (!actingFor) {
    // The tenant runs by id; X-Tenant was checked against the slug. Both must name one account.
    if (row.account_slug !== claims.tenant) return refused("tenant_mismatch");
    return { principal: userPrincipal("token", who, row, null), refusal: null };
  }
  const opened = openedAccount(row);
  if (!opened || opened.id !== claims.tid) return refused("tenant_unavailable");
  if (opened.slug !== claims.tenant) return refused("tenant_mismatch");
  return { principal: userPrincipal("token", who, row, opened), refusal: null };
}

type KeyRow = {
  /** The client's failed lookups in the current window, when it has any. */
  failures: number | null;
  /** int8: a bigint through Prisma, its text through pg. */
  failures_expire: bigint | string | null;
  account_id: string;
  account_slug: string;
  account_name: string;
  ancestors: string[];
  chain_status: "active" | "suspended" | "closed";
  key_id: string;
  key_name: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
};

const GRANTABLE = new Set<string>(KEY_SCOPES);

async function fromKey(
  read: SqlReader,
  host: HostBrand,
  key: string,
  tenantHeader: string | null,
  ip: string | null,
  limits: KeyUseLimits | null,
): Promise<Resolution> {
  if (!tenantHeader) return refused("tenant_missing");
  const gate = limits?.failureGate(ip) ?? null;
  const now = Date.now();
  // One statement: the client's failed lookups, and the key only when they are within the limit:
  // past it, the lookup is given no hash (it matches no key and marks none as used), so a client
  // past the limit learns nothing of its key and touches no key row.
  const rows = await read<Partial<KeyRow> & Pick<KeyRow, "failures" | "failures_expire">>(Prisma.sql`
    SELECT f.points AS failures, f.expire AS failures_expire, k.*
      FROM (SELECT 1) AS one
      LEFT JOIN limits.counters f ON f.key = ${gate?.storedKey ?? ""} AND f.expire > ${now}::bigint
      LEFT JOIN LATERAL app_api_key(
        CASE WHEN f.points IS NULL OR f.points < ${gate?.points ?? 0} THEN ${hashApiKey(key)}::bytea END,
        ${ip}::text
      ) AS k ON true`);
  const [answer] = rows;
  if (gate && answer?.failures != null && answer.failures >= gate.points) {
    return rateLimited(retryAfterSecondsOf(Number(answer.failures_expire ?? now) - now));
  }
  const row = answer?.key_id ? (answer as KeyRow) : undefined;
  const failure = !row
    ? "key_invalid"
    : row.revoked_at
      ? "key_revoked"
      : row.expires_at && row.expires_at.getTime() <= Date.now()
        ? "key_expired"
        : null;
  if (failure || !row) {
    await limits?.failed(ip);
    return refused(failure ?? "key_invalid");
  }
  if (row.chain_status !== "active") return refused("account_suspended");
  if (tenantHeader !== row.account_slug) return refused("tenant_mismatch");
  if (!accountAllowedOnHost(host, row.account_id, row.ancestors)) return refused("wrong_host");
  const overUse: Wait = (await limits?.used(row.account_id)) ?? null;
  if (overUse !== null) return rateLimited(overUse);
  const account = { id: row.account_id, slug: row.account_slug, name: row.account_name };
  return {
    principal: {
      via: "key",
      actor: { kind: "key", keyId: row.key_id, name: row.key_name },
      home: { ...account, ancestors: row.ancestors },
      tenant: account,
      // Only names that are still grantable: a scope retired from the code grants nothing.
      permissions: new Set(row.scopes.filter((scope): scope is Permission => GRANTABLE.has(scope))),
      sessionId: null,
    },
    refusal: null,
  };
}

/**
 * The principal behind `credentials` on `host`, or why there is none. `keyLimits`: the limits on
 * API key use (server/auth/key-limits.ts); the portal always passes them.
 */
export async function resolvePrincipal(
  read: SqlReader,
  host: HostBrand,
  credentials: PresentedCredentials,
  ip: string | null,
  keyLimits: KeyUseLimits | null = null,
): Promise<Resolution> {
  switch (credentials.kind) {
    case "none":
      return NONE;
    case "session":
      return fromSession(read, host, credentials.session, credentials.openAs);
    case "token":
      return fromToken(read, host, credentials.token, credentials.tenant);
    case "key":
      return fromKey(read, host, credentials.key, credentials.tenant, ip, keyLimits);
  }
}
