import { describe, expect, it } from "vitest";
import { chooseLinkHost, withRequestSchemeAndPort } from "./link-origin";

describe("chooseLinkHost", () => {
  const platform = ["localhost", "127.0.0.1"];
  it.each([
    ["the nearest verified brand host when there is one", "voicereseller.localhost", ["r"], "voicereseller.localhost"],
    ["a platform host for a platform-direct account without one", null, [], "localhost"],
    ["none for a reseller's customer without one: never the platform", null, ["r"], null],
    ["the brand host for a platform-direct account that has one", "acme.localhost", [], "acme.localhost"],
  ])("gives %s", (_, verified, ancestors, expected) => {
    expect(chooseLinkHost(verified, { id: "a", ancestors }, platform)).toBe(expected);
  });
});

describe("withRequestSchemeAndPort", () => {
  it.each([
    ["voicereseller.localhost", "http://localhost:3000", "http://voicereseller.localhost:3000"],
    ["portal.example.com", "https://other.example.com", "https://portal.example.com"],
    ["portal.example.com", "https://other.example.com:8443", "https://portal.example.com:8443"],
    ["portal.example.com", "http://x.localhost:80", "http://portal.example.com"],
  ])("puts %s under the scheme and port of %s", (host, origin, expected) => {
    expect(withRequestSchemeAndPort(host, origin)).toBe(expected);
  });
});
