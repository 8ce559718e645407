/**
 * THE ONE REQUEST RESOLVER. A request's headers and cookies become its host, client address,
 * origin, request id and principal (server/auth/principal.ts). The tRPC route, the REST face, the
 * server-side caller for pages and the tests all build their context with it, so none of them can
 * read a credential, a host or an address differently from the others.
 *
 * Credentials, in order: `Authorization: Bearer <access token or API key>` with `X-Tenant`
 * (programs), else the session cookie with the "open as" cookie (browsers). A bearer credential is
 * never combined with a cookie: with one present, cookies are not read at all.
 */
import { looksLikeJwt } from "../auth/access-token";
import { looksLikeApiKey } from "../auth/api-key-secret";
import type { KeyUseLimits } from "../auth/key-limits";
import { OPEN_AS_COOKIE, openAsFromCookie } from "../auth/open-as";
import type { AuthRefusal, Principal } from "../auth/principal";
import { refusal } from "../auth/principal";
import { type PresentedCredentials, resolvePrincipal } from "../auth/resolve-principal";
import { readSession, SESSION_COOKIE } from "../auth/session";
import type { PendingSession } from "../auth/session-check";
import type { SqlReader } from "../db/sql-reader";
import { requestIdFrom } from "../request-id";
import type { HostResolution } from "../tenancy/host-resolver";
import { requestOrigin } from "./request-origin";

export const TENANT_HEADER = "x-tenant";

export type RequestParts = {
  headers: Pick<Headers, "get">;
  /** One cookie's value; the route reads the Cookie header, pages read Next's cookie store. */
  cookie: (name: string) => string | undefined;
};

export type ResolverDeps = {
  /** Runs the session and key lookups (poolReader of the request-role client, in the portal). */
  read: SqlReader;
  resolveHost: (hostHeader: string | null) => Promise<HostResolution>;
  clientIp: (headers: Pick<Headers, "get">) => string | null;
  /** Pages serve people: they accept the session cookie only, never a bearer credential. */
  accept?: "any" | "session";
  /** The limits on API key use (server/auth/key-limits.ts); the portal's resolver always has them. */
  keyLimits?: KeyUseLimits;
  /**
   * Leave a browser session's database check to the tenant transaction that begins the request
   * (server/auth/session-check.ts): the tRPC route, whose tenant procedures check it in that same
   * round trip. Everything else resolves the session here.
   */
  deferSession?: boolean;
};

export type ResolvedRequest = {
  host: HostResolution;
  ip: string | null;
  origin: string;
  requestId: string;
  principal: Principal | null;
  /** Why the presented credentials grant nothing; null when they hold or none were presented. */
  refusal: AuthRefusal | null;
  /** Whether the request presented a bearer credential: its refusal stops the whole request. */
  bearer: boolean;
  /** With `deferSession`: a session cookie whose database check is still to come (principal is null). */
  pending: PendingSession | null;
};

export type Bearer = { kind: "bearer"; credential: string } | { kind: "malformed" } | { kind: "absent" };

/** What the Authorization header presents: one bearer credential (printable ASCII), a malformed header, or none. */
export function bearerOf(headers: Pick<Headers, "get">): Bearer {
  const authorization = headers.get("authorization");
  if (authorization === null) return { kind: "absent" };
  const match = /^Bearer +([\x21-\x7e]{1,2048})$/i.exec(authorization.trim());
  return match?.[1] ? { kind: "bearer", credential: match[1] } : { kind: "malformed" };
}

/**
 * A bearer credential as the principal resolver takes it: an API key when it has a key's shape,
 * else an access token, with the tenant X-Tenant names (trimmed; blank is none).
 */
export function bearerCredentials(
  credential: string,
  headers: Pick<Headers, "get">,
): Extract<PresentedCredentials, { kind: "token" | "key" }> {
  const tenant = headers.get(TENANT_HEADER)?.trim() || null;
  if (looksLikeApiKey(credential)) return { kind: "key", key: credential, tenant };
  // Anything else is read as a token; one that is not a JWT at all fails as an invalid token.
  return { kind: "token", token: looksLikeJwt(credential) ? credential : "", tenant };
}

async function credentialsOf(
  parts: RequestParts,
  host: HostResolution,
  bearer: Bearer,
): Promise<PresentedCredentials | "malformed"> {
  if (bearer.kind === "malformed") return "malformed";
  if (bearer.kind === "bearer") return bearerCredentials(bearer.credential, parts.headers);
  const session = await readSession(parts.cookie(SESSION_COOKIE), host);
  if (!session) return { kind: "none" };
  return { kind: "session", session, openAs: openAsFromCookie(parts.cookie(OPEN_AS_COOKIE), session.userId) };
}

export async function resolveRequest(parts: RequestParts, deps: ResolverDeps): Promise<ResolvedRequest> {
  const host = await deps.resolveHost(parts.headers.get("host"));
  const ip = deps.clientIp(parts.headers);
  const base = { host, ip, origin: requestOrigin(parts.headers), requestId: requestIdFrom(parts.headers) };
  const bearer: Bearer = deps.accept === "session" ? { kind: "absent" } : bearerOf(parts.headers);
  const isBearer = bearer.kind !== "absent";
  if (host.kind === "unknown") return { ...base, principal: null, refusal: null, bearer: isBearer, pending: null };
  const credentials = await credentialsOf(parts, host, bearer);
  if (credentials === "malformed") {
    return { ...base, principal: null, refusal: refusal("authorization_invalid"), bearer: true, pending: null };
  }
  if (credentials.kind === "session" && deps.deferSession) {
    const pending = { session: credentials.session, openAs: credentials.openAs, host };
    return { ...base, principal: null, refusal: null, bearer: false, pending };
  }
  const { principal, refusal: refused } = await resolvePrincipal(
    deps.read,
    host,
    credentials,
    ip,
    deps.keyLimits ?? null,
  );
  return { ...base, principal, refusal: refused, bearer: isBearer, pending: null };
}
