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

/** Lower-cases, strips a numeric port and a trailing dot. Does not validate. */
export function normalizeHost(raw: string): string {
  let host = raw.trim().toLowerCase();
  if (host.startsWith("[")) {
    // IPv6 literal, possibly with a port: keep the bracketed address
    const end = host.indexOf("]");
    return end === -1 ? host : host.slice(0, end + 1);
  }
  // Only a port made of digits is a port: in `a.localhost:3000@evil.example` it is not.
  host = host.replace(/:\d*$/, "");
  if (host.endsWith(".")) host = host.slice(0, -1);
  return host;
}

export type Authority = { hostname: string; port: string | null };

// host[:port] and nothing else: no user info, path, query, fragment, backslash or whitespace inside.
const PLAIN_AUTHORITY = /^(?<host>\[[0-9a-f:.]*\]?|[^\s@/\\?#[\]:]*)(?::(?<port>\d{0,5}))?$/i;

/**
 * A Host header split into its normalised host name and port, or null when it is not a plain
 * `host[:port]` (user info `@`, a path, whitespace inside, a port that is not a number up to 65535).
 */
export function parseAuthority(raw: string | null | undefined): Authority | null {
  if (!raw) return null;
  const match = PLAIN_AUTHORITY.exec(raw.trim());
  if (!match?.groups) return null;
  const port = match.groups.port || null;
  if (port !== null && Number(port) > 65535) return null;
  return { hostname: normalizeHost(match.groups.host ?? ""), port };
}

/** `host[:port]` for building absolute URLs: only ever from a parsed, normalised authority. */
export function formatAuthority({ hostname, port }: Authority): string {
  return port ? `${hostname}:${port}` : hostname;
}

/** Why `hostname` (already normalised) cannot be a brand or SIP domain, or null when it can. */
export function brandHostnameProblem(hostname: string, platformHosts: readonly string[]): string | null {
  if (hostname.length === 0) return "the host name is empty";
  if (hostname.includes("@")) return "a host name cannot hold user info (@)";
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
  if (raw.includes("@")) return { kind: "invalid", reason: "a host name cannot hold user info (@)" };
  const authority = parseAuthority(raw);
  if (!authority) return { kind: "invalid", reason: "the Host is not a plain host[:port]" };
  const { hostname } = authority;
  if (platformHosts.includes(hostname)) return { kind: "platform", hostname };
  const problem = brandHostnameProblem(hostname, platformHosts);
  return problem ? { kind: "invalid", reason: problem } : { kind: "brand", hostname };
}
