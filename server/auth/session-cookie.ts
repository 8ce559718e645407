import { encode } from "next-auth/jwt";
import { env } from "../env";
import type { OpenAsCookie } from "./open-as";
import { authSecret, type PortalSession, SESSION_COOKIE } from "./session";
import { SESSION_LIFETIME_SECONDS } from "./session-store";

/**
 * A session cookie for `session`, as next-auth issues one at sign-in (same name, claims, secret,
 * lifetime and attributes: host-only, HttpOnly, SameSite=Lax): for when the portal itself starts
 * a new session, after the user's own password change ended the old one.
 */
export async function sessionCookie(
  session: PortalSession,
  user: { email: string; name: string },
): Promise<OpenAsCookie> {
  const value = await encode({
    secret: authSecret(),
    maxAge: SESSION_LIFETIME_SECONDS,
    token: {
      sub: session.userId,
      name: user.name,
      email: user.email,
      accountId: session.accountId,
      role: session.role,
      brand: session.brand,
      sid: session.sessionId,
    },
  });
  return {
    name: SESSION_COOKIE,
    value,
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.SECURE_COOKIES,
    maxAge: SESSION_LIFETIME_SECONDS,
  };
}
