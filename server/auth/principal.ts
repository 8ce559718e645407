/**
 * The principal of a request: who acts (a user or an API key), their own account, the tenant the
 * request runs as, how they proved it and what they may do. Every procedure and every audit entry
 * takes the actor from here, whether the request came from a browser, a program with an access
 * token or a program with a key.
 */
import type { Permission, Role } from "./permissions";

export type PrincipalVia = "session" | "token" | "key";

export type UserActor = { kind: "user"; userId: string; email: string; name: string; role: Role };
export type KeyActor = { kind: "key"; keyId: string; name: string };

export type AccountRef = { id: string; slug: string; name: string };

export type Principal = {
  via: PrincipalVia;
  actor: UserActor | KeyActor;
  /** The actor's own account, with its ancestors (root first). */
  home: AccountRef & { ancestors: readonly string[] };
  /**
   * The account the request runs as: `home`, or an account below it that a reseller user opened
   * ("open as" in the browser, an act-as token for a program).
   */
  tenant: AccountRef;
  permissions: ReadonlySet<Permission>;
  /** The session row the request rides on (a browser session or a token family); null for a key. */
  sessionId: string | null;
};

/** Whether the request acts for an account other than the actor's own. */
export function actsForAnother(principal: Principal): boolean {
  return principal.tenant.id !== principal.home.id;
}

/**
 * Why a request's credentials grant nothing. Programs branch on `reason`; every one of them is a
 * 401 except an opened account that is no longer open (403: the person is still signed in) and
 * `rate_limited` (429 with Retry-After).
 */
export const REFUSALS = {
  unauthenticated: "Sign in first.",
  authorization_invalid: "The Authorization header must be `Bearer <access token or API key>`.",
  token_invalid: "The access token is not valid.",
  token_expired: "The access token has expired: refresh it.",
  tenant_missing: "Send the X-Tenant header with the slug of the account the credential is for.",
  tenant_mismatch: "X-Tenant names another account than the credential's.",
  tenant_unavailable: "The account this token acts for is no longer open to you.",
  session_ended: "Your session is no longer valid. Sign in again.",
  user_inactive: "This user is no longer active.",
  account_suspended: "This account, or an account above it, is not active.",
  key_invalid: "The API key is not valid.",
  key_revoked: "The API key has been revoked.",
  key_expired: "The API key has expired.",
  wrong_host: "This account's users and keys are not served at this address.",
  opened_account_gone: "The account you opened is no longer open to you. Return to your own account.",
  // Logging in and refreshing (POST /api/auth/login, /api/auth/refresh; server/auth/program-auth.ts).
  credentials_invalid: "Tenant, email or password is incorrect.",
  refresh_invalid: "The refresh token is not valid. Log in again.",
  refresh_expired: "The refresh token has expired. Log in again.",
  refresh_reused:
    "This refresh token was already used, so a copy of it is in other hands: its whole login (every access and refresh token of it) has been revoked. Log in again.",
  // A limit of server/limits/registry.ts: 429 with Retry-After.
  rate_limited: "Too many requests: wait as long as Retry-After says, then try again.",
} as const;
export type RefusalReason = keyof typeof REFUSALS;

export type AuthRefusal = {
  reason: RefusalReason;
  message: string;
  status: "UNAUTHORIZED" | "FORBIDDEN" | "TOO_MANY_REQUESTS";
  /** For `rate_limited`: how long to wait (the Retry-After header). */
  retryAfterSeconds?: number;
};

export function refusal(reason: RefusalReason): AuthRefusal {
  const status =
    reason === "opened_account_gone" ? "FORBIDDEN" : reason === "rate_limited" ? "TOO_MANY_REQUESTS" : "UNAUTHORIZED";
  return { reason, message: REFUSALS[reason], status };
}
