import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/generated/prisma/client";
import { createCaller } from "@/server/api/root";
import { contextOfRequest, type TRPCContext } from "@/server/api/trpc";
import { issueAccessToken } from "@/server/auth/access-token";
import { generateApiKey } from "@/server/auth/api-key-secret";
import { OPEN_AS_COOKIE, openAsCookie } from "@/server/auth/open-as";
import { brandKey, type PortalSession, SESSION_COOKIE } from "@/server/auth/session";
import { sessionCookie } from "@/server/auth/session-cookie";
import { startSession } from "@/server/auth/session-store";
import { poolReader } from "@/server/db/sql-reader";
import { type ResolvedRequest, resolveRequest } from "@/server/http/resolve-request";
import {
  type HostBrand,
  type HostResolution,
  hostResolutionOf,
  type ResolvedHostRow,
} from "@/server/tenancy/host-resolver";

const PLATFORM_HOST: HostBrand = { kind: "platform", hostname: "localhost" };

/** The development names the test resolvers count as verified, as the portal's default does. */
const DEVELOPMENT_SUFFIXES = ["localhost"];

/** How the resolver would answer `hostname` (the same SQL function, the same rule). */
async function resolveHost(app: PrismaClient, hostname: string): Promise<HostResolution> {
  const [row] = await app.$queryRaw<ResolvedHostRow[]>`SELECT * FROM app_resolve_host(${hostname})`;
  return hostResolutionOf(hostname, row, DEVELOPMENT_SUFFIXES);
}

/** The brand host `hostname` as the resolver would answer it; fails the test when it serves no brand. */
export async function brandHostNamed(app: PrismaClient, hostname: string): Promise<HostBrand> {
  const resolution = await resolveHost(app, hostname);
  if (resolution.kind !== "brand") throw new Error(`${hostname} is not a brand host`);
  return resolution;
}

/**
 * Where the users of `accountId` sign in: the platform for a platform-direct account, else the
 * primary brand host of the nearest account of its chain (itself included) that has one that
 * serves (a domain not yet verified does not).
 */
export async function homeHost(app: PrismaClient, accountId: string): Promise<HostBrand> {
  const chain = await app.$queryRaw<{ depth: number; brand_domain: string | null }[]>`
    SELECT depth, brand_domain FROM app_branding_chain(${accountId}::uuid) ORDER BY depth`;
  if (chain.length <= 1) return PLATFORM_HOST;
  for (const { brand_domain: hostname } of chain) {
    if (!hostname) continue;
    const resolution = await resolveHost(app, hostname);
    if (resolution.kind === "brand") return resolution;
  }
  throw new Error(`no account above ${accountId} has a brand host that serves`);
}

/** A session as signing in makes one: a live server-side session row, issued on `host`. */
export async function signedInSession(
  app: PrismaClient,
  user: { accountId: string; userId: string; role?: PortalSession["role"] },
  host: HostBrand,
): Promise<PortalSession> {
  return {
    userId: user.userId,
    accountId: user.accountId,
    role: user.role ?? "owner",
    brand: brandKey(host),
    sessionId: await startSession(app, user),
  };
}

/**
 * A request as a test describes it: what the host resolves to, and the credentials it carries (a
 * session as a signed cookie, with an opened account; or a bearer credential with X-Tenant).
 */
export type TestRequest = {
  host: HostResolution;
  session?: PortalSession | null;
  openAs?: string | null;
  bearer?: string;
  tenant?: string;
  ip?: string | null;
  /** null: a caller without a request origin (mailed links then use the host over plain HTTP). */
  origin?: string | null;
  requestId?: string;
  headers?: Record<string, string>;
};

function hostHeaderOf(host: HostResolution): string {
  return host.kind === "unknown" ? "unknown.invalid" : host.hostname;
}

/**
 * The request resolved as the portal resolves one (server/http/resolve-request.ts): the cookies
 * are signed as next-auth signs them, the bearer goes in Authorization. Only the host lookup and
 * the socket address are given, since a test has neither a host cache nor a socket. With
 * `deferSession`, as the tRPC route does, a session's check is left to the procedure.
 */
export async function resolveTestRequest(
  app: PrismaClient,
  request: TestRequest,
  options: { deferSession?: boolean } = {},
): Promise<ResolvedRequest> {
  const headers = new Headers({ host: hostHeaderOf(request.host), ...request.headers });
  if (request.bearer !== undefined) headers.set("authorization", `Bearer ${request.bearer}`);
  if (request.tenant !== undefined) headers.set("x-tenant", request.tenant);
  if (request.requestId) headers.set("x-request-id", request.requestId);
  const cookies = new Map<string, string>();
  if (request.session) {
    const cookie = await sessionCookie(request.session, { email: "", name: "" });
    cookies.set(SESSION_COOKIE, cookie.value);
    if (request.openAs) cookies.set(OPEN_AS_COOKIE, openAsCookie(request.session.userId, request.openAs).value);
  }
  return resolveRequest(
    { headers, cookie: (name) => cookies.get(name) },
    {
      read: poolReader(app),
      resolveHost: async () => request.host,
      clientIp: () => request.ip ?? null,
      deferSession: options.deferSession,
    },
  );
}

/**
 * The tRPC context of `request` as the route builds it (contextOfRequest: a refused bearer
 * credential throws its 401 here; a session is left pending, checked by the procedure). `db` is the context's client when it is not `app` (a test of
 * a failing database); the request is still resolved through `app`.
 */
export async function contextFor(
  app: PrismaClient,
  request: TestRequest,
  options: { db?: PrismaClient; setCookie?: TRPCContext["setCookie"] } = {},
): Promise<TRPCContext> {
  const resolved = await resolveTestRequest(app, request, { deferSession: true });
  return contextOfRequest(
    options.db ?? app,
    { ...resolved, origin: request.origin === undefined ? null : request.origin },
    options.setCookie,
  );
}

/**
 * A caller for `request`, like a browser or program that sends it again for every call: each call
 * is resolved afresh (a session that ended since the last call no longer holds). A request given
 * as a function is built once, at the first call (a session it starts is the same for every call).
 */
export function callerFor(
  app: PrismaClient,
  request: TestRequest | (() => Promise<TestRequest>),
  options: { db?: PrismaClient; setCookie?: TRPCContext["setCookie"] } = {},
) {
  let built: Promise<TestRequest> | undefined;
  return createCaller(async () => {
    built ??= typeof request === "function" ? request() : Promise.resolve(request);
    return contextFor(app, await built, options);
  });
}

/** A visitor without credentials on `host`. */
export function visitorCaller(app: PrismaClient, host: HostResolution, request: Partial<TestRequest> = {}) {
  return callerFor(app, { ...request, host });
}

/**
 * A tRPC caller as a signed-in user, the way the route handler builds one: with a live session,
 * on the host where the user's account signs in unless told otherwise, without an opened
 * account, and unable to set cookies unless given a way. The session starts at the first call.
 */
export function callerAs(
  app: PrismaClient,
  user: { accountId: string; userId: string; role?: PortalSession["role"] },
  request: Partial<Omit<TestRequest, "session">> & {
    session?: PortalSession;
    setCookie?: TRPCContext["setCookie"];
  } = {},
) {
  const { setCookie, ...rest } = request;
  return callerFor(
    app,
    async () => {
      const host: HostResolution = rest.host ?? (await homeHost(app, user.accountId));
      const session =
        rest.session ?? (await signedInSession(app, user, host.kind === "unknown" ? PLATFORM_HOST : host));
      return { ...rest, host, session };
    },
    setCookie ? { setCookie } : {},
  );
}

/** The TRPCError a call fails with; fails the test when the call succeeds or fails otherwise. */
export async function trpcError(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    (result) => {
      throw new Error(`expected the call to fail, it answered ${JSON.stringify(result)}`);
    },
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}

/**
 * An access token for a user, as logging in would issue one: on a live session row (the token's
 * family), for the user's own account unless `tenant` names one below it (act-as).
 */
export async function accessTokenFor(
  app: PrismaClient,
  user: { accountId: string; userId: string; role?: PortalSession["role"] },
  tenant: { id: string; slug: string },
  options: { lifetimeSeconds?: number; act?: { userId: string; tenantSlug: string } } = {},
): Promise<{ token: string; sessionId: string }> {
  const sessionId = await startSession(app, user);
  const { token } = await issueAccessToken(
    {
      userId: user.userId,
      accountId: user.accountId,
      sessionId,
      role: user.role ?? "owner",
      tenant,
      ...(options.act ? { act: options.act } : {}),
    },
    options.lifetimeSeconds,
  );
  return { token, sessionId };
}

/** An API key of `accountId` with `scopes`, made directly in the database (the owner client). */
export async function apiKeyFor(
  owner: PrismaClient,
  key: { accountId: string; createdByUserId: string; scopes: readonly string[]; name?: string; expiresAt?: Date },
): Promise<{ key: string; id: string }> {
  const secret = generateApiKey();
  const row = await owner.apiKey.create({
    data: {
      accountId: key.accountId,
      name: key.name ?? "test key",
      prefix: secret.prefix,
      secretHash: new Uint8Array(secret.hash),
      scopes: [...key.scopes],
      createdByUserId: key.createdByUserId,
      expiresAt: key.expiresAt ?? null,
    },
    select: { id: true },
  });
  return { key: secret.key, id: row.id };
}
