import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeNextPath } from "./safe-next";

describe("safeNextPath: followed", () => {
  it.each<[string, string]>([
    ["/dashboard", "/dashboard"],
    ["/accounts/123", "/accounts/123"],
    ["/audit?cursor=abc&q=x", "/audit?cursor=abc&q=x"],
    ["/accounts#top", "/accounts#top"],
    ["/", "/"],
    // dot segments resolve inside the portal
    ["/accounts/../audit", "/audit"],
    ["/a%2Fb", "/a%2Fb"],
  ])("%j -> %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe("safeNextPath: anything else goes to the dashboard", () => {
  it.each<[string, unknown]>([
    ["missing", undefined],
    ["several values", ["/a", "/b"]],
    ["empty", ""],
    ["protocol-relative", "//evil.example/x"],
    ["backslash after the slash", "/\\evil.example/x"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash later in the path", "/accounts\\..\\x"],
    ["a tab between slashes", "/\t/evil.example"],
    ["a newline between slashes", "/\n/evil.example"],
    ["a carriage return", "/\r/evil.example"],
    ["a leading space", " /dashboard"],
    ["a NUL byte", "/dash\u0000board"],
    ["an encoded tab", "/%09/evil.example"],
    ["an encoded backslash", "/%5cevil.example"],
    ["an encoded slash making //", "/%2fevil.example"],
    ["a double-encoded slash", "/%252fevil.example"],
    ["a zero-width space", "/\u200b/evil.example"],
    ["a non-breaking space", "/\u00a0/evil.example"],
    ["a right-to-left override", "/\u202eevil"],
    ["an absolute URL", "https://evil.example/"],
    ["a scheme without slashes", "javascript:alert(1)"],
    ["a relative path", "dashboard"],
    ["malformed percent encoding", "/%E0%A4%A"],
    ["too long", `/${"a".repeat(3000)}`],
  ])("%s", (_name, next) => {
    expect(safeNextPath(next)).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});
