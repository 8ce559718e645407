import { env } from "../env";
import { deriveClientIp, isTrusted, trustedProxySet } from "./client-ip";
import { peerAddress } from "./peer-address";

const trusted = trustedProxySet(env.TRUSTED_PROXIES);

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  if (typeof headers.get === "function") return (headers as { get(name: string): string | null }).get(name);
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(", ") : (value ?? null);
}

/**
 * The one client address of a request: sign-in, audit entries and throttles all take it from here.
 * From the socket peer, and from X-Forwarded-For only through the proxies TRUSTED_PROXIES names.
 */
export function requestClientIp(headers: HeaderSource): string | null {
  const peer = peerAddress();
  if (peer === null) warnNoPeerOnce();
  return deriveClientIp({ peer, forwardedFor: header(headers, "x-forwarded-for"), trusted });
}

let warnedNoPeer = false;

function warnNoPeerOnce(): void {
  if (warnedNoPeer || env.NODE_ENV === "test") return;
  warnedNoPeer = true;
  // Under plain `next start` no socket is known: addresses stay unknown rather than spoofable.
  console.warn("client addresses are unknown: serve the portal with `npm start` (server/http/portal-server.ts)");
}

/** Whether the current request came straight from a proxy that TRUSTED_PROXIES names. */
export function peerIsTrustedProxy(): boolean {
  return isTrusted(trusted, peerAddress());
}
