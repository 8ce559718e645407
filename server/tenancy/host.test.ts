import { describe, expect, it } from "vitest";
import { brandHostnameProblem, normalizeHost, parseHost } from "./host";

const PLATFORM = ["localhost", "127.0.0.1"];

describe("normalizeHost", () => {
  it.each([
    ["Acme.LocalHost:3000", "acme.localhost"],
    ["acme.localhost.", "acme.localhost"],
    ["ACME.example.com.:443", "acme.example.com"],
    ["  portal.example.com  ", "portal.example.com"],
    ["[::1]:3000", "[::1]"],
    ["[::1]", "[::1]"],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });
});

describe("parseHost", () => {
  it.each([
    ["localhost", { kind: "platform", hostname: "localhost" }],
    ["LOCALHOST:3000", { kind: "platform", hostname: "localhost" }],
    ["127.0.0.1:3000", { kind: "platform", hostname: "127.0.0.1" }],
    ["acme.localhost:3000", { kind: "brand", hostname: "acme.localhost" }],
    ["VoiceReseller.LOCALHOST", { kind: "brand", hostname: "voicereseller.localhost" }],
    ["portal.example.com.", { kind: "brand", hostname: "portal.example.com" }],
    ["xn--bcher-kva.example", { kind: "brand", hostname: "xn--bcher-kva.example" }],
  ])("%j is %j", (raw, expected) => {
    expect(parseHost(raw, PLATFORM)).toEqual(expected);
  });

  it.each([
    [null, "no Host"],
    [undefined, "no Host"],
    ["", "no Host"],
    ["10.0.0.1", "IP address"],
    ["10.0.0.1:3000", "IP address"],
    ["[::1]:3000", "IP address"],
    ["[2001:db8::1]", "IP address"],
    ["intranet", "at least two labels"],
    ["under_score.example.com", "not a valid host name label"],
    ["-lead.example.com", "not a valid host name label"],
    ["trail-.example.com", "not a valid host name label"],
    ["a..example.com", "not a valid host name label"],
    [`${"a".repeat(64)}.example.com`, "not a valid host name label"],
    [`${"a.".repeat(127)}com`, "at most 253"],
    ["example.123", "numeric"],
    ["evil.com/path", "not a valid host name label"],
  ])("%j is invalid (%s)", (raw, reason) => {
    const parsed = parseHost(raw, PLATFORM);
    expect(parsed.kind).toBe("invalid");
    expect(parsed.kind === "invalid" ? parsed.reason : "").toContain(reason);
  });

  it("accepts a 63-character label and a 253-character name", () => {
    expect(parseHost(`${"a".repeat(63)}.example.com`, PLATFORM).kind).toBe("brand");
    const longest = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    expect(longest).toHaveLength(253);
    expect(parseHost(longest, PLATFORM).kind).toBe("brand");
  });

  it("follows the configured platform hosts", () => {
    expect(parseHost("portal.platform.test", ["portal.platform.test"]).kind).toBe("platform");
    expect(parseHost("localhost", ["portal.platform.test"]).kind).toBe("invalid");
  });
});

describe("brandHostnameProblem", () => {
  it("refuses a platform host as a brand domain", () => {
    expect(brandHostnameProblem("localhost", PLATFORM)).toContain("belongs to the platform");
  });

  it("accepts a normal brand domain", () => {
    expect(brandHostnameProblem("portal.voicereseller.com", PLATFORM)).toBeNull();
  });
});
