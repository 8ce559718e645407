/**
 * Headers a proxy uses to tell the server what the client asked for. A client can send them too:
 * next-auth builds its URLs from X-Forwarded-Host/-Proto, and Next.js passes a client's copies on.
 */
const PROXY_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
  "x-forwarded-server",
  "x-forwarded-ssl",
  "x-original-host",
  "x-real-ip",
] as const;

export type Protocol = "http" | "https";

/** The protocol a trusted proxy reports (its own hop, the rightmost value), else null. */
function forwardedProtocol(value: string | null): Protocol | null {
  const last = value?.split(",").at(-1)?.trim().toLowerCase();
  return last === "http" || last === "https" ? last : null;
}

/**
 * Rewrites the proxy headers of a request in place and answers its origin. From a client, every
 * proxy header is dropped (the portal serves plain HTTP itself); through a trusted proxy only
 * X-Forwarded-For and a valid X-Forwarded-Proto are kept. Either way X-Forwarded-Host becomes the
 * request's own parsed Host and X-Forwarded-Proto its protocol, so whatever builds URLs from them
 * (next-auth) builds them from the host the tenant was resolved from.
 */
export function sanitizeForwardedHeaders(
  headers: Headers,
  request: { authority: string; fromTrustedProxy: boolean },
): { protocol: Protocol; origin: string } {
  const reported = request.fromTrustedProxy ? forwardedProtocol(headers.get("x-forwarded-proto")) : null;
  const forwardedFor = request.fromTrustedProxy ? headers.get("x-forwarded-for") : null;
  for (const name of PROXY_HEADERS) headers.delete(name);
  const protocol = reported ?? "http";
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  headers.set("x-forwarded-host", request.authority);
  headers.set("x-forwarded-proto", protocol);
  return { protocol, origin: `${protocol}://${request.authority}` };
}
