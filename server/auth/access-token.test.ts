import { hkdfSync } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";

const SECRET = vi.hoisted(() => {
  const secret = "unit-tests-session-secret-0123456789abcdef";
  vi.stubEnv("NEXTAUTH_SECRET", secret);
  return secret;
});

import { type AccessGrant, issueAccessToken, looksLikeJwt, verifyAccessToken } from "./access-token";
import { sessionCookie } from "./session-cookie";

const GRANT: AccessGrant = {
  userId: "3f1c2b9e-8a4d-4c1e-9b2a-5d6e7f8a9b0c",
  accountId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  sessionId: "9b0c3f1c-2b9e-4a4d-8c1e-5d6e7f8a9b2a",
  role: "admin",
  tenant: { id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", slug: "bistro" },
};

/** The claims a genuine token carries, to be signed otherwise than the portal signs them. */
const CLAIMS = {
  acct: GRANT.accountId,
  sid: GRANT.sessionId,
  tenant: "bistro",
  tid: GRANT.tenant.id,
  role: "admin",
};

/**
 * The portal's own signing key, derived here as access-token.ts derives it: only so that a token
 * can differ from a genuine one in exactly one respect (algorithm, type, audience, issuer).
 */
const PORTAL_KEY = new Uint8Array(hkdfSync("sha256", SECRET, "", "portal access tokens v1", 32));

function signed(options: {
  key?: Uint8Array;
  alg?: string;
  typ?: string;
  audience?: string;
  issuer?: string;
  claims?: Record<string, unknown>;
}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(options.claims ?? CLAIMS)
    .setProtectedHeader({ alg: options.alg ?? "HS256", typ: options.typ ?? "at+jwt" })
    .setSubject(GRANT.userId)
    .setIssuer(options.issuer ?? "voice-reseller-portal")
    .setAudience(options.audience ?? "voice-reseller-portal/api")
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(options.key ?? PORTAL_KEY);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("access tokens", () => {
  it("carry their grant from issue to verification", async () => {
    const { token, expiresAt } = await issueAccessToken(GRANT, 900);
    expect(looksLikeJwt(token)).toBe(true);
    const check = await verifyAccessToken(token);
    expect(check).toEqual({
      ok: true,
      claims: {
        sub: GRANT.userId,
        acct: GRANT.accountId,
        sid: GRANT.sessionId,
        tenant: "bistro",
        tid: GRANT.tenant.id,
        role: "admin",
        exp: expiresAt,
      },
    });
  });

  it("name the acting user in `act` when issued by act-as", async () => {
    const child = { id: "5d6e7f8a-9b0c-4f1c-8b9e-8a4d4c1e9b2a", slug: "child" };
    const { token } = await issueAccessToken({
      ...GRANT,
      tenant: child,
      act: { userId: GRANT.userId, tenantSlug: "bistro" },
    });
    const check = await verifyAccessToken(token);
    expect(check.ok && check.claims).toMatchObject({
      tenant: "child",
      tid: child.id,
      act: { sub: GRANT.userId, tenant: "bistro" },
    });
  });

  it("expire: token_expired, not token_invalid, so a program knows to refresh", async () => {
    const { token } = await issueAccessToken(GRANT, -1);
    expect(await verifyAccessToken(token)).toEqual({ ok: false, reason: "token_expired" });
  });

  it("refuse a token whose payload was changed after signing", async () => {
    const { token } = await issueAccessToken(GRANT);
    const [header, , signature] = token.split(".");
    const forged = `${header}.${b64({ ...CLAIMS, sub: GRANT.userId, role: "owner", exp: 4_102_444_800 })}.${signature}`;
    expect(await verifyAccessToken(forged)).toEqual({ ok: false, reason: "token_invalid" });
  });

  it.each([
    [
      "`alg: none` with no signature",
      async () =>
        `${b64({ alg: "none", typ: "at+jwt" })}.${b64({ ...CLAIMS, sub: GRANT.userId, aud: "voice-reseller-portal/api", iss: "voice-reseller-portal", exp: 4_102_444_800 })}.`,
    ],
    ["signed with the session secret itself", () => signed({ key: new TextEncoder().encode(SECRET) })],
    ["signed with another key", () => signed({ key: new Uint8Array(32).fill(7) })],
    ["the portal's key under another algorithm (HS512)", () => signed({ alg: "HS512" })],
    ["a plain JWT, not an access token (typ JWT)", () => signed({ typ: "JWT" })],
    ["for another audience", () => signed({ audience: "someone-else" })],
    ["from another issuer", () => signed({ issuer: "someone-else" })],
    ["without the claims a token carries (no tid)", () => signed({ claims: { ...CLAIMS, tid: undefined } })],
    ["with a role that does not exist", () => signed({ claims: { ...CLAIMS, role: "root" } })],
    ["empty", async () => ""],
    ["not a JWT at all", async () => "not-a-token"],
  ])("refuse a token %s: token_invalid", async (_case, make) => {
    expect(await verifyAccessToken(await make())).toEqual({ ok: false, reason: "token_invalid" });
  });

  it("the genuine signing above is accepted: the refusals are for the one thing each changes", async () => {
    expect((await verifyAccessToken(await signed({}))).ok).toBe(true);
  });

  it("refuse a browser's session cookie presented as a bearer token", async () => {
    const cookie = await sessionCookie(
      {
        userId: GRANT.userId,
        accountId: GRANT.accountId,
        role: "owner",
        brand: "platform",
        sessionId: GRANT.sessionId,
      },
      { email: "owner@bistro.test", name: "Owner" },
    );
    expect(await verifyAccessToken(cookie.value)).toEqual({ ok: false, reason: "token_invalid" });
    // The resolver does not even read it as a token: an encrypted cookie has five parts, not three.
    expect(looksLikeJwt(cookie.value)).toBe(false);
  });
});
