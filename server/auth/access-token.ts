/**
 * Access tokens for programs: short-lived JWTs (RFC 9068 style, `typ: at+jwt`) signed with a key
 * derived from the portal's secret. A token names its user (`sub`), the user's account (`acct`),
 * the token family it belongs to (`sid`: a `program` row of user_sessions, so every way a session
 * ends also ends its tokens), and the tenant it acts for by slug (`tenant`, what X-Tenant must
 * equal) and id (`tid`). A token obtained by act-as names the account acted for as its tenant and
 * the reseller user in `act`, as token exchange does (RFC 8693 section 4.1).
 *
 * The signature and expiry are checked here; whether the family, the user and the accounts still
 * hold is the database's answer (server/auth/principal.ts).
 */
import { hkdfSync } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { env } from "../env";
import { ROLES, type Role } from "./permissions";
import { authSecret } from "./session";

const ISSUER = "voice-reseller-portal";
const AUDIENCE = "voice-reseller-portal/api";
const TOKEN_TYPE = "at+jwt";

const AccessClaims = z.object({
  sub: z.uuid(),
  acct: z.uuid(),
  sid: z.uuid(),
  tenant: z.string().min(1),
  tid: z.uuid(),
  role: z.enum(ROLES),
  act: z.object({ sub: z.uuid(), tenant: z.string().min(1) }).optional(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

/** What a new access token says; `act` only for an act-as token. */
export type AccessGrant = {
  userId: string;
  accountId: string;
  sessionId: string;
  role: Role;
  tenant: { id: string; slug: string };
  act?: { userId: string; tenantSlug: string };
};

// Its own key, not the session secret itself: a session cookie can never pass for a token.
let signingKey: Uint8Array | undefined;
function key(): Uint8Array {
  signingKey ??= new Uint8Array(hkdfSync("sha256", authSecret(), "", "portal access tokens v1", 32));
  return signingKey;
}

/** A signed access token for `grant`, and when it expires (seconds since the epoch). */
export async function issueAccessToken(
  grant: AccessGrant,
  lifetimeSeconds: number = env.ACCESS_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: number }> {
  const now = Math.floor(Date.now() / 1000);
  const expiresAt = now + lifetimeSeconds;
  const token = await new SignJWT({
    acct: grant.accountId,
    sid: grant.sessionId,
    tenant: grant.tenant.slug,
    tid: grant.tenant.id,
    role: grant.role,
    ...(grant.act ? { act: { sub: grant.act.userId, tenant: grant.act.tenantSlug } } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: TOKEN_TYPE })
    .setSubject(grant.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID())
    .sign(key());
  return { token, expiresAt };
}

export type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: "token_expired" | "token_invalid" };

/** The token's claims if its signature, type, issuer, audience and expiry hold. */
export async function verifyAccessToken(token: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TOKEN_TYPE,
    });
    const claims = AccessClaims.safeParse(payload);
    return claims.success ? { ok: true, claims: claims.data } : { ok: false, reason: "token_invalid" };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: "token_expired" };
    if (error instanceof errors.JOSEError) return { ok: false, reason: "token_invalid" };
    throw error;
  }
}

/** Whether a bearer credential has the shape of a JWT (three base64url parts), not of an API key. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}
