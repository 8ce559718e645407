import { z } from "zod";
import { env } from "../env";
import type { HostBrand, HostResolution } from "../tenancy/host-resolver";
import { ROLES } from "./permissions";
import { decodeSessionToken } from "./session-token";

/** Host-only (no Domain attribute), HttpOnly, SameSite=Lax; see authOptions.cookies. */
export const SESSION_COOKIE = "portal.session-token";

const SessionClaims = z.object({
  sub: z.uuid(),
  accountId: z.uuid(),
  role: z.enum(ROLES),
  /** The brand the session was issued on: "platform" or the brand account's id. */
  brand: z.string().min(1),
  /** The server-side session (user_sessions); a token without one, or whose row is gone, is no session. */
  sid: z.uuid(),
});

export type PortalSession = {
  userId: string;
  accountId: string;
  role: z.infer<typeof SessionClaims>["role"];
  brand: string;
  sessionId: string;
};

export function brandKey(host: HostBrand): string {
  return host.kind === "platform" ? "platform" : host.accountId;
}

export function authSecret(): string {
  if (!env.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET is not set: start the portal with `npm start`, which sets it.");
  }
  return env.NEXTAUTH_SECRET;
}

/**
 * The session in `token` if it is valid on `host`: a session issued on one brand's host is not
 * valid on another's, whatever the cookie says. This reads the token only: whether the session
 * has ended (sign-out, new password, suspension) is checked by `app_session` in the query every
 * authed procedure makes, and every portal page loads its data through such a procedure.
 */
export async function readSession(token: string | undefined, host: HostResolution): Promise<PortalSession | null> {
  if (!token || host.kind === "unknown") return null;
  const decoded = await decodeSessionToken(token, authSecret()).catch((error: unknown) => {
    // A forged, expired or foreign-secret token is simply no session; say so for operators.
    console.warn("session: rejected an undecodable session token", error instanceof Error ? error.message : error);
    return null;
  });
  const claims = SessionClaims.safeParse(decoded);
  if (!claims.success || claims.data.brand !== brandKey(host)) return null;
  return {
    userId: claims.data.sub,
    accountId: claims.data.accountId,
    role: claims.data.role,
    brand: claims.data.brand,
    sessionId: claims.data.sid,
  };
}
