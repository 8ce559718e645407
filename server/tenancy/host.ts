/**
 * The one host parser: middleware, the tRPC context and domain validation all use it.
 * Pure: no I/O, table-tested in host.test.ts.
 */
export type ParsedHost =
  | { kind: "platform"; hostname: string }
  | { kind: "brand"; hostname: string }
  | { kind: "invalid"; reason: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const MAX_HOSTNAME = 253;

/** Lower-cases, strips the port and a trailing dot. Does not validate. */
export function normalizeHost(raw: string): string {
  let host = raw.trim().toLowerCase();
  if (host.startsWith("[")) {
    // IPv6 literal, possibly with a port: keep the bracketed address
    const end = host.indexOf("]");
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(":");
  if (colon !== -1) host = host.slice(0, colon);
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host;
}

/** Why `hostname` (already normalised) cannot be a brand or SIP domain, or null when it can. */
export function brandHostnameProblem(hostname: string, platformHosts: readonly string[]): string | null {
  if (hostname.length === 0) return "the host name is empty";
  if (hostname.length > MAX_HOSTNAME) return `a host name has at most ${MAX_HOSTNAME} characters`;
  if (platformHosts.includes(hostname)) return "this host name belongs to the platform";
  if (hostname.startsWith("[") || hostname.includes(":") || IPV4.test(hostname)) {
    return "an IP address cannot be a brand host";
  }
  const labels = hostname.split(".");
  if (labels.length < 2) return "a host name needs at least two labels (like portal.example.com)";
  for (const label of labels) {
    if (!LABEL.test(label)) {
      return `"${label}" is not a valid host name label (letters, digits and inner hyphens, at most 63)`;
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return "the last label of a host name cannot be numeric";
  return null;
}

export function parseHost(raw: string | null | undefined, platformHosts: readonly string[]): ParsedHost {
  if (!raw) return { kind: "invalid", reason: "the request has no Host" };
  const hostname = normalizeHost(raw);
  if (platformHosts.includes(hostname)) return { kind: "platform", hostname };
  const problem = brandHostnameProblem(hostname, platformHosts);
  return problem ? { kind: "invalid", reason: problem } : { kind: "brand", hostname };
}
