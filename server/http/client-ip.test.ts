import { describe, expect, it } from "vitest";
import { deriveClientIp, isTrusted, normalizeIp, trustedProxyProblem, trustedProxySet } from "./client-ip";

describe("normalizeIp", () => {
  it.each<[string | null | undefined, string | null]>([
    ["127.0.0.1", "127.0.0.1"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["203.0.113.9:51234", "203.0.113.9"],
    ["::1", "::1"],
    ["[::1]", "::1"],
    ["[::1]:3100", "::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:7f00:1", "127.0.0.1"],
    ["[::ffff:198.51.100.4]:80", "198.51.100.4"],
    // not addresses
    [null, null],
    [undefined, null],
    ["", null],
    ["unknown", null],
    ["01.2.3.4", null],
    ["1.2.3", null],
    ["256.1.1.1", null],
    ["fe80::1%eth0", null],
    ["203.0.113.9, 198.51.100.1", null],
    ["1.2.3.4\u0000", null],
    ["x".repeat(6000), null],
    [`${"1".repeat(60)}.1.1.1`, null],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeIp(raw)).toBe(expected);
  });
});

describe("trustedProxyProblem", () => {
  it.each<[string, boolean]>([
    ["10.0.0.1", true],
    ["10.0.0.0/8", true],
    ["0.0.0.0/0", true],
    ["fd00::/8", true],
    ["::1", true],
    ["10.0.0.0/33", false],
    ["fd00::/129", false],
    ["10.0.0.0/x", false],
    ["10.0.0.0/8/9", false],
    ["proxy.internal", false],
    ["", false],
  ])("%j usable: %s", (entry, usable) => {
    expect(trustedProxyProblem(entry) === null).toBe(usable);
  });
});

const NONE = trustedProxySet([]);
const PROXIES = trustedProxySet(["10.0.0.0/8", "fd00::/8", "127.0.0.1"]);

describe("deriveClientIp", () => {
  it.each<[string, string | null, string | null, ReturnType<typeof trustedProxySet>, string | null]>([
    // no trusted proxies (the default): the peer, whatever the client writes
    ["the peer without a header", "198.51.100.7", null, NONE, "198.51.100.7"],
    ["the peer, not a spoofed header", "198.51.100.7", "203.0.113.9", NONE, "198.51.100.7"],
    ["the peer, not a 6,000-character header", "198.51.100.7", "x".repeat(6000), NONE, "198.51.100.7"],
    ["the peer when a proxy is not trusted", "10.0.0.5", "203.0.113.9", NONE, "10.0.0.5"],
    ["a mapped IPv4 peer as IPv4", "::ffff:127.0.0.1", "203.0.113.9", NONE, "127.0.0.1"],
    ["nothing without a peer", null, "203.0.113.9", NONE, null],
    ["nothing for a peer that is not an address", "garbage", null, NONE, null],
    // through trusted proxies: the first untrusted hop from the right
    ["the hop a trusted proxy saw", "10.0.0.5", "203.0.113.9", PROXIES, "203.0.113.9"],
    ["not what the client prepended", "10.0.0.5", "1.1.1.1, 203.0.113.9", PROXIES, "203.0.113.9"],
    ["through two trusted proxies", "10.0.0.5", "1.1.1.1, 203.0.113.9, 10.0.0.9", PROXIES, "203.0.113.9"],
    ["through a trusted IPv6 proxy", "fd00::2", "2001:db8::7", PROXIES, "2001:db8::7"],
    ["a mapped peer matched as IPv4", "::ffff:127.0.0.1", "203.0.113.9", PROXIES, "203.0.113.9"],
    ["normalised hops", "10.0.0.5", " [2001:DB8::7]:443 ", PROXIES, "2001:db8::7"],
    ["the proxy when it forwards no header", "10.0.0.5", null, PROXIES, "10.0.0.5"],
    ["the last known address when a hop is garbage", "10.0.0.5", "203.0.113.9, x", PROXIES, "10.0.0.5"],
    [
      "the last trusted hop when a 6,000-character hop follows",
      "10.0.0.5",
      `${"y".repeat(6000)}, 10.0.0.8`,
      PROXIES,
      "10.0.0.8",
    ],
    ["the leftmost when every hop is trusted", "10.0.0.5", "10.0.0.7, 10.0.0.6", PROXIES, "10.0.0.7"],
  ])("%s", (_name, peer, forwardedFor, trusted, expected) => {
    expect(deriveClientIp({ peer, forwardedFor, trusted })).toBe(expected);
  });

  it("answers the same address however the client changes X-Forwarded-For (one throttle key)", () => {
    const keys = new Set(
      ["1.1.1.1", "2.2.2.2, 3.3.3.3", "", "::1", "z".repeat(100)].map((forwardedFor) =>
        deriveClientIp({ peer: "198.51.100.7", forwardedFor, trusted: NONE }),
      ),
    );
    expect([...keys]).toEqual(["198.51.100.7"]);
  });

  it("matches trusted addresses after normalising them", () => {
    expect(isTrusted(PROXIES, "::ffff:10.1.2.3")).toBe(true);
    expect(isTrusted(PROXIES, "11.0.0.1")).toBe(false);
    expect(isTrusted(PROXIES, null)).toBe(false);
  });
});
