import { BlockList, isIP, isIPv4 } from "node:net";

/** Longest text form worth parsing: a full IPv6 address with an embedded IPv4 and brackets. */
const MAX_ADDRESS_LENGTH = 64;
/** Hops of X-Forwarded-For looked at, from the right: more than any real proxy chain. */
const MAX_HOPS = 16;

/**
 * The canonical text of an IP address, or null when `raw` is not one. IPv6 is compressed and
 * lower-cased, an IPv4-mapped IPv6 address is its IPv4 address (`::ffff:127.0.0.1` is
 * `127.0.0.1`), brackets and a port around an address are dropped; zone ids are refused.
 */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) {
    text = bracketed[1];
  } else {
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
    if (withPort?.[1]) text = withPort[1];
  }
  const version = isIP(text);
  if (version === 4) return text;
  if (version !== 6 || text.includes("%")) return null;
  // The URL parser prints IPv6 in its canonical (RFC 5952) form.
  const canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped?.[1] && mapped[2]) {
    const high = Number.parseInt(mapped[1], 16);
    const low = Number.parseInt(mapped[2], 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return canonical;
}

/** Why `entry` (an IP address or a CIDR range) cannot be a trusted proxy, or null when it can. */
export function trustedProxyProblem(entry: string): string | null {
  const [address, prefix, ...rest] = entry.split("/");
  const ip = normalizeIp(address);
  if (!ip || rest.length > 0) return `"${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) return null;
  const max = isIPv4(ip) ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `"${entry}" has a prefix length outside 0-${max}`;
  return null;
}

/** The set of trusted proxies from validated entries (see trustedProxyProblem). */
export function trustedProxySet(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const ip = normalizeIp(address);
    if (!ip || trustedProxyProblem(entry)) throw new Error(`not a trusted proxy entry: ${entry}`);
    const type = isIPv4(ip) ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(prefix), type);
  }
  return list;
}

/** Whether `raw` is an address in the trusted set. */
export function isTrusted(trusted: BlockList, raw: string | null | undefined): boolean {
  const ip = normalizeIp(raw);
  return ip !== null && trusted.check(ip, isIPv4(ip) ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's peer, unless the peer is a trusted proxy; then
 * X-Forwarded-For is walked from the right (each proxy appends the address it saw), skipping
 * trusted hops, and the first untrusted hop is the client. Entries left of it were written by the
 * client and are never read. When a trusted proxy hands over something that is not an address,
 * the last address known for sure is the answer. Null only when the peer itself is unknown.
 */
export function deriveClientIp(request: {
  peer: string | null | undefined;
  forwardedFor: string | null | undefined;
  trusted: BlockList;
}): string | null {
  const peer = normalizeIp(request.peer);
  if (!peer || !isTrusted(request.trusted, peer)) return peer;
  const hops = (request.forwardedFor ?? "").split(",").slice(-MAX_HOPS);
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalizeIp(hops[index]);
    if (!hop) return client;
    client = hop;
    if (!isTrusted(request.trusted, hop)) return client;
  }
  return client;
}
