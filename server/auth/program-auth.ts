/**
 * Logging programs in and out: access tokens (short-lived JWTs, server/auth/access-token.ts) and
 * rotating refresh tokens (server/auth/token-family.ts), and act-as, a reseller program's exchange
 * of its token for one of an account below. The route handlers under app/api/auth/ parse, call
 * these and answer; every rule is here.
 *
 * Errors are DomainErrors with a reason of REFUSALS (server/auth/principal.ts) or RetryLater
 * (429 `rate_limited`).
 */
import { z } from "zod";
import { openAccount } from "../accounts/open-as";
import { plainText } from "../api/schemas/text";
import type { Actor } from "../audit/record";
import { withTenant } from "../db/tenant";
import type { PrismaClient } from "../db/types";
import { DomainError, problem } from "../domain-error";
import type { ResolvedRequest } from "../http/resolve-request";
import { LIMITS } from "../limits/registry";
import { RetryLater } from "../limits/retry-later";
import { sharedCounter } from "../limits/shared-counter";
import { logger } from "../log";
import type { HostResolution } from "../tenancy/host-resolver";
import { SlugSchema } from "../tenancy/slug";
import { issueAccessToken } from "./access-token";
import type { Role } from "./permissions";
import { actsForAnother, type Principal, type RefusalReason, refusal } from "./principal";
import { signIn } from "./sign-in";
import { SignInThrottle } from "./throttle";
import { endFamilyOfRefreshToken, familyOfRefreshToken, rotateRefreshToken, startTokenFamily } from "./token-family";

/** What login and refresh answer: an access token, and the refresh token that replaces it later. */
export type TokenPair = AccessTokenAnswer & { refreshToken: string };

export type AccessTokenAnswer = {
  accessToken: string;
  tokenType: "Bearer";
  /** Seconds from now. */
  expiresIn: number;
  /** ISO 8601. */
  expiresAt: string;
  /** The slug to send as X-Tenant with this token. */
  tenant: string;
};

/** A refresh token as a program sends it: opaque text; any text that is no token is refused as unknown. */
const RefreshTokenText = z
  .string({ message: "Send the refresh token as a string." })
  .min(1, "Send the refresh token.")
  .max(512, "That is not a refresh token.");

export const RefreshInput = z.strictObject({ refreshToken: RefreshTokenText });
export const LogoutInput = z.strictObject({ refreshToken: RefreshTokenText.optional() });
export const ActAsInput = z.strictObject({
  tenant: plainText({ label: "The tenant", max: 40 }).pipe(SlugSchema),
});

function refused(reason: RefusalReason): DomainError {
  const { status, message } = refusal(reason);
  return new DomainError(status, problem(reason, message));
}

async function accessTokenAnswer(grant: Parameters<typeof issueAccessToken>[0]): Promise<AccessTokenAnswer> {
  const { token, expiresAt } = await issueAccessToken(grant);
  return {
    accessToken: token,
    tokenType: "Bearer",
    expiresIn: Math.max(0, expiresAt - Math.floor(Date.now() / 1000)),
    expiresAt: new Date(expiresAt * 1000).toISOString(),
    tenant: grant.tenant.slug,
  };
}

async function tokenPair(
  family: { accountId: string; accountSlug: string; userId: string; role: Role; sessionId: string },
  refreshToken: string,
): Promise<TokenPair> {
  const access = await accessTokenAnswer({
    userId: family.userId,
    accountId: family.accountId,
    sessionId: family.sessionId,
    role: family.role,
    tenant: { id: family.accountId, slug: family.accountSlug },
  });
  return { ...access, refreshToken };
}

/**
 * POST /api/auth/login: the browser's sign-in (same throttle, host rule, answers and audit entry,
 * server/auth/sign-in.ts) and then a new token family instead of a cookie.
 */
export async function logIn(
  db: PrismaClient,
  host: HostResolution,
  rawInput: unknown,
  ip: string | null,
): Promise<TokenPair> {
  if (host.kind === "unknown") throw new DomainError("NOT_FOUND", problem("unknown_host", "Not found"));
  const result = await signIn(db, host, rawInput, ip, SignInThrottle.for(db), "token");
  if (!result.ok) {
    switch (result.code) {
      case "INVALID_INPUT":
        throw new DomainError("BAD_REQUEST", problem(result.reason, result.message, result.field));
      case "THROTTLED":
        throw new RetryLater(result.retryAfterSeconds * 1000, "Too many failed logins");
      case "BAD_CREDENTIALS":
        throw refused("credentials_invalid");
      case "ACCOUNT_INACTIVE":
        throw new DomainError("UNAUTHORIZED", problem("account_suspended", result.message));
    }
  }
  const { sessionId, refreshToken } = await startTokenFamily(db, result.user);
  return tokenPair({ ...result.user, sessionId }, refreshToken);
}

/** Counts a refresh from `ip` (and, once the token's family is known, for that family) before it runs. */
async function admitRefresh(db: PrismaClient, token: string, ip: string | null) {
  const source = ip ?? "unknown";
  const perSource = sharedCounter(db, LIMITS.refresh.perSource);
  const failures = sharedCounter(db, LIMITS.refresh.failuresPerSource);
  // Counted as a failure until it succeeds, so that refusals sent in parallel cannot all slip in.
  const [bySource, byFailures] = await Promise.all([perSource.hit(source), failures.hit(source)]);
  for (const state of [bySource, byFailures]) {
    if (!state.allowed) throw new RetryLater(state.msBeforeNext, "Too many refreshes");
  }
  const family = await familyOfRefreshToken(db, token);
  if (family) {
    const byFamily = await sharedCounter(db, LIMITS.refresh.perFamily).hit(family.sessionId);
    if (!byFamily.allowed) throw new RetryLater(byFamily.msBeforeNext, "Too many refreshes of this login");
  }
  return { succeeded: () => failures.undo(source) };
}

/**
 * POST /api/auth/refresh: rotates the refresh token. An already-used one revokes its whole family
 * (and says so); two refreshes of one token at once: the first rotates, the second is a reuse.
 */
export async function refreshTokens(db: PrismaClient, rawInput: unknown, ip: string | null): Promise<TokenPair> {
  const { refreshToken } = RefreshInput.parse(rawInput);
  const admitted = await admitRefresh(db, refreshToken, ip);
  const rotation = await rotateRefreshToken(db, refreshToken);
  if (!rotation.ok) {
    if (rotation.reason === "refresh_reused") {
      // A security event for whoever watches the logs: a copy of a refresh token was used.
      logger.warn({ family: rotation.family, ip }, "refresh token reused: its family was revoked");
    }
    throw refused(rotation.reason);
  }
  await admitted.succeeded();
  return tokenPair(rotation.family, rotation.refreshToken);
}

/**
 * POST /api/auth/logout: ends the family of the refresh token in the body, or else of the bearer
 * access token the request was resolved with. `revoked` is false when there was nothing to end.
 */
export async function logOut(
  db: PrismaClient,
  request: Pick<ResolvedRequest, "principal" | "refusal" | "bearer">,
  rawInput: unknown,
): Promise<{ revoked: boolean }> {
  const { refreshToken } = LogoutInput.parse(rawInput ?? {});
  if (refreshToken) return { revoked: await endFamilyOfRefreshToken(db, refreshToken) };
  const principal = tokenPrincipal(request);
  const rows = await db.$queryRaw<{ ended: boolean }[]>`
    SELECT app_end_session(${principal.home.id}::uuid, ${principal.sessionId}::uuid) AS ended`;
  return { revoked: rows[0]?.ended === true };
}

/** The principal of a request made with an access token; anything else is refused. */
function tokenPrincipal(
  request: Pick<ResolvedRequest, "principal" | "refusal" | "bearer">,
): Principal & { sessionId: string } {
  if (request.refusal)
    throw new DomainError(request.refusal.status, problem(request.refusal.reason, request.refusal.message));
  const { principal } = request;
  if (!principal) throw refused("unauthenticated");
  if (principal.via !== "token" || principal.sessionId === null) {
    throw new DomainError(
      "FORBIDDEN",
      problem("token_required", "Send an access token from POST /api/auth/login as Authorization: Bearer."),
    );
  }
  return { ...principal, sessionId: principal.sessionId };
}

export type ActAsAnswer = AccessTokenAnswer & { act: { sub: string; tenant: string } };

/**
 * POST /api/auth/act-as: a reseller user's access token exchanged for one of an account strictly
 * below theirs (not closed), as "open as" does in the browser, audited as `account.acted_as`. The
 * new token names the account as its tenant and the user in `act` (RFC 8693); it rides on the same
 * family, so it ends with it. It comes without a refresh token: refresh your own token, then
 * exchange again.
 */
export async function actAs(
  db: PrismaClient,
  request: Pick<ResolvedRequest, "principal" | "refusal" | "bearer" | "ip">,
  rawInput: unknown,
): Promise<ActAsAnswer> {
  const principal = tokenPrincipal(request);
  const { tenant } = ActAsInput.parse(rawInput);
  const { actor: user, home } = principal;
  if (user.kind !== "user") throw refused("token_invalid");
  if (!principal.permissions.has("accounts:write")) {
    const message = "Your role cannot act for other accounts (accounts:write).";
    throw new DomainError("FORBIDDEN", problem("missing_permission", message));
  }
  const actor: Actor = { accountId: home.id, userAccountId: home.id, userId: user.userId, keyId: null, ip: request.ip };
  const opened = await withTenant(db, home.id, async (tx) => {
    const target = await tx.account.findFirst({
      where: { slug: tenant, ancestors: { has: home.id } },
      select: { id: true },
    });
    const alreadyOpen = actsForAnother(principal) ? principal.tenant : null;
    return openAccount(tx, actor, {
      // An unknown slug is looked for as an id no account has: the same NOT_FOUND as a sibling's.
      accountId: target?.id ?? "00000000-0000-0000-0000-000000000000",
      alreadyOpen,
      how: "act_as",
      field: "tenant",
    });
  });
  const answer = await accessTokenAnswer({
    userId: user.userId,
    accountId: home.id,
    sessionId: principal.sessionId,
    role: user.role,
    tenant: { id: opened.id, slug: opened.slug },
    act: { userId: user.userId, tenantSlug: home.slug },
  });
  return { ...answer, act: { sub: user.userId, tenant: home.slug } };
}
