import { describe, expect, it } from "vitest";
import { domainHostnameProblem, domainHostnameSchema, normalizeDomainInput } from "./hostname";

const PLATFORM = ["localhost", "127.0.0.1", "portal.sip.example"] as const;

/** 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253 characters: the longest name a host can have. */
const LONGEST = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;

describe("normalizeDomainInput", () => {
  it.each<[string, string]>([
    ["portal.example.com", "portal.example.com"],
    ["  Portal.Example.COM  ", "portal.example.com"],
    ["portal.example.com.", "portal.example.com"],
    ["\tSIP.example.com.\n", "sip.example.com"],
    // only one final dot goes: two leave an empty label for the rules to refuse
    ["portal.example.com..", "portal.example.com."],
    ["", ""],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeDomainInput(raw)).toBe(expected);
  });
});

describe("domainHostnameProblem: accepted", () => {
  it.each([
    "portal.example.com",
    "sip.example.com",
    "a.co",
    "x1.example.io",
    "my-brand.example.com",
    "xn--bcher-kva.example",
    // subdomains of a platform host: brand hosts in development, and the demo's own
    "bistro.localhost",
    "voicereseller.localhost",
    "deep.brand.localhost",
    "brand.portal.sip.example",
    LONGEST,
    `${"a".repeat(63)}.com`,
  ])("%s", (hostname) => {
    expect(domainHostnameProblem(hostname, PLATFORM)).toBeNull();
  });
});

describe("domainHostnameProblem: refused, each with its own sentence", () => {
  it.each<[string, string, string]>([
    ["empty", "", "Enter a host name, like portal.example.com."],
    ["a URL", "https://portal.example.com", "Enter the host name only, without http:// or https://."],
    ["a URL with a path", "http://portal.example.com/login", "Enter the host name only, without http:// or https://."],
    ["a path", "portal.example.com/login", "Enter the host name only, without a path."],
    ["a query", "portal.example.com?x=1", "Enter the host name only, without a path."],
    ["inner spaces", "portal example.com", "A host name cannot contain spaces."],
    [
      "non-ASCII",
      "bücher.example",
      "Enter an international host name in its ASCII form (the labels starting with xn--).",
    ],
    ["an e-mail address", "owner@example.com", "Enter a host name, not an e-mail address."],
    ["an IPv4 address", "192.0.2.1", "An IP address cannot be a domain: enter a host name."],
    ["an IPv4 address with a port", "192.0.2.1:8080", "An IP address cannot be a domain: enter a host name."],
    ["an IPv6 literal", "[2001:db8::1]", "An IP address cannot be a domain: enter a host name."],
    ["an IPv6 literal with a port", "[::1]:3000", "An IP address cannot be a domain: enter a host name."],
    ["a bare IPv6 address", "2001:db8::1", "An IP address cannot be a domain: enter a host name."],
    ["a bare IPv6 loopback", "::1", "An IP address cannot be a domain: enter a host name."],
    ["a port", "portal.example.com:8080", "Enter the host name without a port."],
    [
      "the platform host",
      "localhost",
      "localhost is the platform's own address; use a host name of your own (a subdomain of it works too).",
    ],
    [
      "another platform host",
      "portal.sip.example",
      "portal.sip.example is the platform's own address; use a host name of your own (a subdomain of it works too).",
    ],
    ["the platform's IP", "127.0.0.1", "An IP address cannot be a domain: enter a host name."],
    ["a leading dot", ".example.com", "A host name cannot have an empty label (a leading dot or two dots in a row)."],
    ["two dots", "portal..example.com", "A host name cannot have an empty label (a leading dot or two dots in a row)."],
    ["one label", "intranet", "A host name needs at least two labels (like portal.example.com)."],
    ["too long", `${LONGEST}d`, "A host name has at most 253 characters."],
    [
      "a label over 63 characters",
      `${"a".repeat(64)}.com`,
      `"${"a".repeat(64)}" is not a valid host name label (letters, digits and inner hyphens, at most 63).`,
    ],
    [
      "an underscore",
      "my_brand.example.com",
      '"my_brand" is not a valid host name label (letters, digits and inner hyphens, at most 63).',
    ],
    [
      "a leading hyphen",
      "-brand.example.com",
      '"-brand" is not a valid host name label (letters, digits and inner hyphens, at most 63).',
    ],
    [
      "a trailing hyphen",
      "brand-.example.com",
      '"brand-" is not a valid host name label (letters, digits and inner hyphens, at most 63).',
    ],
    ["a numeric last label", "portal.example.123", "The last label of a host name cannot be numeric."],
  ])("%s: %j", (_name, hostname, message) => {
    expect(domainHostnameProblem(hostname, PLATFORM)).toBe(message);
  });
});

describe("domainHostnameSchema", () => {
  const schema = domainHostnameSchema(PLATFORM);

  it("normalises what it accepts", () => {
    expect(schema.parse("  Clinic.Example.COM. ")).toBe("clinic.example.com");
  });

  it("reports the problem's sentence as the issue", () => {
    const result = schema.safeParse(" LOCALHOST ");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "localhost is the platform's own address; use a host name of your own (a subdomain of it works too).",
    ]);
  });

  it("refuses a non-string and oversized input before parsing it", () => {
    expect(schema.safeParse(42).error?.issues[0]?.message).toBe("Enter a host name, like portal.example.com.");
    expect(schema.safeParse("a".repeat(5_000)).error?.issues[0]?.message).toBe(
      "A host name has at most 253 characters.",
    );
  });
});
