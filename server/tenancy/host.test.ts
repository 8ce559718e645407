import { describe, expect, it } from "vitest";
import {
  type Authority,
  brandHostnameProblem,
  formatAuthority,
  normalizeHost,
  type ParsedHost,
  parseAuthority,
  parseHost,
} from "./host";

const PLATFORM = ["localhost", "127.0.0.1"] as const;

/** 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters: the longest name a host can have. */
const LONGEST = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
const TOO_LONG = `${LONGEST}d`;

describe("normalizeHost", () => {
  it.each<[string, string]>([
    // already normal
    ["acme.localhost", "acme.localhost"],
    ["localhost", "localhost"],
    // upper case
    ["ACME.LOCALHOST", "acme.localhost"],
    ["VoiceReseller.Example.COM", "voicereseller.example.com"],
    // ports
    ["acme.localhost:3000", "acme.localhost"],
    ["localhost:80", "localhost"],
    ["portal.example.com:", "portal.example.com"],
    ["127.0.0.1:3000", "127.0.0.1"],
    // trailing dot, with and without a port
    ["acme.localhost.", "acme.localhost"],
    ["localhost.", "localhost"],
    ["ACME.example.com.:443", "acme.example.com"],
    ["acme.localhost..", "acme.localhost."],
    // whitespace around
    ["  portal.example.com  ", "portal.example.com"],
    ["\tportal.example.com\n", "portal.example.com"],
    // IPv6 literals keep their brackets and lose the port
    ["[::1]:3000", "[::1]"],
    ["[::1]", "[::1]"],
    ["[2001:DB8::1]:443", "[2001:db8::1]"],
    ["[::1", "[::1"],
    // nothing left
    ["", ""],
    ["   ", ""],
    [":3000", ""],
    [".", ""],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });
});

describe("parseHost: known hosts", () => {
  it.each<[string, ParsedHost]>([
    // platform hosts, however they are written
    ["localhost", { kind: "platform", hostname: "localhost" }],
    ["LOCALHOST", { kind: "platform", hostname: "localhost" }],
    ["localhost:3000", { kind: "platform", hostname: "localhost" }],
    ["localhost.", { kind: "platform", hostname: "localhost" }],
    [" LocalHost.:3000 ", { kind: "platform", hostname: "localhost" }],
    // an IPv4 address is a platform host only because the platform lists it
    ["127.0.0.1", { kind: "platform", hostname: "127.0.0.1" }],
    ["127.0.0.1:3000", { kind: "platform", hostname: "127.0.0.1" }],
    ["127.0.0.1.", { kind: "platform", hostname: "127.0.0.1" }],
    // brand hosts
    ["acme.localhost", { kind: "brand", hostname: "acme.localhost" }],
    ["acme.localhost:3000", { kind: "brand", hostname: "acme.localhost" }],
    ["VoiceReseller.LOCALHOST", { kind: "brand", hostname: "voicereseller.localhost" }],
    ["portal.example.com.", { kind: "brand", hostname: "portal.example.com" }],
    ["PORTAL.Example.com.:8443", { kind: "brand", hostname: "portal.example.com" }],
    ["  portal.example.com\t", { kind: "brand", hostname: "portal.example.com" }],
    ["city-clinic.example.com", { kind: "brand", hostname: "city-clinic.example.com" }],
    ["a.b.c.d.example.com", { kind: "brand", hostname: "a.b.c.d.example.com" }],
    ["1.2.3.example", { kind: "brand", hostname: "1.2.3.example" }],
    ["123.example.com", { kind: "brand", hostname: "123.example.com" }],
    ["x.io", { kind: "brand", hostname: "x.io" }],
    ["xn--bcher-kva.example", { kind: "brand", hostname: "xn--bcher-kva.example" }],
    [`${"a".repeat(63)}.example.com`, { kind: "brand", hostname: `${"a".repeat(63)}.example.com` }],
    [LONGEST, { kind: "brand", hostname: LONGEST }],
    [`${LONGEST}.`, { kind: "brand", hostname: LONGEST }],
    [`${LONGEST.toUpperCase()}:443`, { kind: "brand", hostname: LONGEST }],
  ])("%j is %j", (raw, expected) => {
    expect(parseHost(raw, PLATFORM)).toEqual(expected);
  });
});

describe("parseHost: refused hosts", () => {
  it.each<[string | null | undefined, string]>([
    // no host at all
    [null, "the request has no Host"],
    [undefined, "the request has no Host"],
    ["", "the request has no Host"],
    // something that normalises to nothing
    ["   ", "the host name is empty"],
    [":3000", "the host name is empty"],
    [".", "the host name is empty"],
    // IPv4 addresses the platform does not list
    ["10.0.0.1", "an IP address cannot be a brand host"],
    ["10.0.0.1:3000", "an IP address cannot be a brand host"],
    ["10.0.0.1.", "an IP address cannot be a brand host"],
    ["192.168.1.20", "an IP address cannot be a brand host"],
    ["127.0.0.2", "an IP address cannot be a brand host"],
    ["999.999.999.999", "an IP address cannot be a brand host"],
    // IPv6 literals, bracketed or bare
    ["[::1]:3000", "an IP address cannot be a brand host"],
    ["[::1]", "an IP address cannot be a brand host"],
    ["[2001:db8::1]:443", "an IP address cannot be a brand host"],
    ["[::1", "an IP address cannot be a brand host"],
    // bare IPv6 is not a Host at all (HTTP requires the brackets)
    ["::1", "not a plain host[:port]"],
    ["2001:db8::1", "not a plain host[:port]"],
    // a single label
    ["intranet", "at least two labels"],
    ["intranet:3000", "at least two labels"],
    ["acme", "at least two labels"],
    ["0x7f000001", "at least two labels"],
    // bad labels
    ["under_score.example.com", '"under_score" is not a valid host name label'],
    ["acme.my_brand.com", '"my_brand" is not a valid host name label'],
    ["-lead.example.com", '"-lead" is not a valid host name label'],
    ["trail-.example.com", '"trail-" is not a valid host name label'],
    ["acme.-example.com", '"-example" is not a valid host name label'],
    ["acme.example.com-", '"com-" is not a valid host name label'],
    ["-.example.com", '"-" is not a valid host name label'],
    ["a..example.com", '"" is not a valid host name label'],
    [".example.com", '"" is not a valid host name label'],
    ["acme.localhost..", '"" is not a valid host name label'],
    [`${"a".repeat(64)}.example.com`, `"${"a".repeat(64)}" is not a valid host name label`],
    [`acme.${"b".repeat(64)}`, `"${"b".repeat(64)}" is not a valid host name label`],
    ["acme portal.example.com", "not a plain host[:port]"],
    ["bücher.example", '"bücher" is not a valid host name label'],
    // anything but host[:port]: user info, paths, queries, backslashes, bad ports
    ["evil.com/path", "not a plain host[:port]"],
    ["acme.localhost/@evil.example", "user info"],
    ["user@evil.com", "user info"],
    ["acme.localhost:3000@evil.example", "user info"],
    ["acme.localhost@evil.example:3000", "user info"],
    ["@acme.localhost", "user info"],
    ["acme.localhost\\evil.example", "not a plain host[:port]"],
    ["acme.localhost?x=evil.example", "not a plain host[:port]"],
    ["acme.localhost#evil.example", "not a plain host[:port]"],
    ["acme.localhost:3000:4000", "not a plain host[:port]"],
    ["acme.localhost:http", "not a plain host[:port]"],
    ["acme.localhost:99999", "not a plain host[:port]"],
    ["acme.localhost:123456", "not a plain host[:port]"],
    ["acme.localhost\t:3000", "not a plain host[:port]"],
    // too long, whatever the labels
    [TOO_LONG, "a host name has at most 253 characters"],
    [`${"a.".repeat(127)}com`, "a host name has at most 253 characters"],
    // numeric top-level label
    ["example.123", "the last label of a host name cannot be numeric"],
    ["1.2.3.4.5", "the last label of a host name cannot be numeric"],
    ["0x7f.0.0.1", "the last label of a host name cannot be numeric"],
  ])("%j is invalid: %s", (raw, reason) => {
    const parsed = parseHost(raw, PLATFORM);
    expect(parsed.kind).toBe("invalid");
    expect(parsed.kind === "invalid" ? parsed.reason : null).toContain(reason);
  });
});

describe("parseHost: platform hosts come from configuration", () => {
  it.each<[string, readonly string[], ParsedHost["kind"]]>([
    ["portal.platform.test", ["portal.platform.test"], "platform"],
    ["Portal.Platform.Test:443", ["portal.platform.test"], "platform"],
    ["localhost", ["portal.platform.test"], "invalid"],
    ["127.0.0.1", ["portal.platform.test"], "invalid"],
    ["10.0.0.1", ["10.0.0.1"], "platform"],
    ["acme.localhost", [], "brand"],
  ])("%j with platform hosts %j is %s", (raw, platformHosts, kind) => {
    expect(parseHost(raw, platformHosts).kind).toBe(kind);
  });
});

describe("brandHostnameProblem", () => {
  it.each<[string, readonly string[], string | null]>([
    // usable brand domains
    ["portal.voicereseller.com", PLATFORM, null],
    ["acme.localhost", PLATFORM, null],
    ["sip.city-clinic.example", PLATFORM, null],
    [LONGEST, PLATFORM, null],
    // a platform host cannot be taken as a brand domain, IP or not
    ["localhost", PLATFORM, "this host name belongs to the platform"],
    ["127.0.0.1", PLATFORM, "this host name belongs to the platform"],
    ["portal.platform.test", ["portal.platform.test"], "this host name belongs to the platform"],
    // the rest of the rules, as parseHost applies them
    ["", PLATFORM, "the host name is empty"],
    [TOO_LONG, PLATFORM, "a host name has at most 253 characters"],
    ["10.0.0.1", PLATFORM, "an IP address cannot be a brand host"],
    ["[::1]", PLATFORM, "an IP address cannot be a brand host"],
    ["intranet", PLATFORM, "a host name needs at least two labels (like portal.example.com)"],
    [
      "under_score.example.com",
      PLATFORM,
      '"under_score" is not a valid host name label (letters, digits and inner hyphens, at most 63)',
    ],
    ["example.123", PLATFORM, "the last label of a host name cannot be numeric"],
  ])("%j (platform %j) -> %j", (hostname, platformHosts, problem) => {
    expect(brandHostnameProblem(hostname, platformHosts)).toBe(problem);
  });

  it("expects a normalised name: upper case, ports and trailing dots are refused, not fixed", () => {
    for (const raw of ["Portal.Example.com", "portal.example.com:443", "portal.example.com.", " portal.example.com"]) {
      expect(brandHostnameProblem(raw, PLATFORM)).not.toBeNull();
      expect(brandHostnameProblem(normalizeHost(raw), PLATFORM)).toBeNull();
    }
  });
});

describe("parseAuthority and formatAuthority", () => {
  it.each<[string | null, Authority | null, string | null]>([
    ["acme.localhost:3000", { hostname: "acme.localhost", port: "3000" }, "acme.localhost:3000"],
    ["ACME.localhost.", { hostname: "acme.localhost", port: null }, "acme.localhost"],
    ["[::1]:3100", { hostname: "[::1]", port: "3100" }, "[::1]:3100"],
    ["portal.example.com:", { hostname: "portal.example.com", port: null }, "portal.example.com"],
    ["acme.localhost:3000@evil.example", null, null],
    ["evil.example/acme.localhost", null, null],
    ["acme.localhost:65536", null, null],
    [null, null, null],
  ])("%j -> %j", (raw, authority, formatted) => {
    const parsed = parseAuthority(raw);
    expect(parsed).toEqual(authority);
    expect(parsed ? formatAuthority(parsed) : null).toBe(formatted);
  });
});
