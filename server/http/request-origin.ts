import { formatAuthority, parseAuthority } from "../tenancy/host";

/**
 * The origin of a request that passed the middleware: its parsed Host and the protocol the
 * middleware established in X-Forwarded-Proto (a client's own copy never gets that far).
 * A Host that is not a plain host[:port] gets an origin nothing can match.
 */
export function requestOrigin(headers: Pick<Headers, "get">): string {
  const authority = parseAuthority(headers.get("host"));
  if (!authority) return "http://invalid.invalid";
  const protocol = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${protocol}://${formatAuthority(authority)}`;
}

/**
 * The origin mailed links start from: the request's, or for a caller without a request (a test, a
 * script) the host's over plain HTTP.
 */
export function originForLinks(ctx: { origin: string | null; host: { hostname: string } }): string {
  return ctx.origin ?? `http://${ctx.host.hostname}`;
}
