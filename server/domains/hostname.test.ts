import { describe, expect, it } from "vitest";
import {
  checkDomainHostname,
  displayHostname,
  domainHostnameProblem,
  domainHostnameSchema,
  isDevelopmentHostname,
  normalizeDomainInput,
  storedHostname,
} from "./hostname";

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
    expect(domainHostnameProblem(hostname, PLATFORM)?.message).toBe(message);
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

describe("international names (IDNA): stored in ASCII form, shown in their own letters", () => {
  it.each<[string, string, string]>([
    ["bücher.example", "xn--bcher-kva.example", "bücher.example"],
    ["BÜCHER.Example.", "xn--bcher-kva.example", "bücher.example"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example", "bücher.example"],
    ["café.fr", "xn--caf-dma.fr", "café.fr"],
    // typed as e + combining accent: composed first
    ["cafe\u0301.fr", "xn--caf-dma.fr", "café.fr"],
    ["straße.de", "xn--strae-oqa.de", "straße.de"],
    ["日本語.jp", "xn--wgv71a119e.jp", "日本語.jp"],
    // Japanese mixes Han, Katakana and Hiragana; Korean Han and Hangul
    ["ドメイン名例.jp", "xn--eckwd4c7cu47r2wf.jp", "ドメイン名例.jp"],
    ["한국어.kr", "xn--3e0bk47br7k.kr", "한국어.kr"],
    ["ελληνικά.gr", "xn--hxargifdar.gr", "ελληνικά.gr"],
    ["пример.рф", "xn--e1afmkfd.xn--p1ai", "пример.рф"],
    // all its letters look Latin, but under a Cyrillic top-level domain it is one Russian name among others
    ["кот.рф", "xn--j1aim.xn--p1ai", "кот.рф"],
    ["shop-24.bücher.example", "shop-24.xn--bcher-kva.example", "shop-24.bücher.example"],
  ])("%s -> %s", (raw, hostname, unicode) => {
    expect(checkDomainHostname(raw, PLATFORM)).toEqual({ ok: true, hostname, unicode });
    expect(storedHostname(raw)).toBe(hostname);
    expect(displayHostname(hostname)).toBe(unicode);
  });
});

describe("refused names, each with a reason code and its own sentence", () => {
  it.each<[string, string, string, string]>([
    // invalid punycode: does not decode, decodes to plain ASCII, or is not in its canonical form
    [
      "undecodable punycode",
      "xn--a.com",
      "hostname_idna_invalid",
      '"xn--a" is not a valid international host name label (IDNA).',
    ],
    [
      "empty punycode",
      "xn--.com",
      "hostname_idna_invalid",
      '"xn--" is not a valid international host name label (IDNA).',
    ],
    [
      "punycode of plain ASCII",
      "xn--abc-.com",
      "hostname_idna_invalid",
      '"xn--abc-" is not a valid international host name label (IDNA).',
    ],
    [
      "a character that IDNA maps to a dot",
      "a\u2488b.com",
      "hostname_idna_invalid",
      '"a\u2488b" is not a valid international host name label (IDNA).',
    ],
    [
      "full-width letters",
      "ａｃｍｅ.com",
      "hostname_idna_unmapped",
      '"ａｃｍｅ" is not written the way DNS stores it; enter "acme".',
    ],
    [
      "an ideographic full stop",
      "acme。com",
      "hostname_idna_unmapped",
      '"acme。com" is not written the way DNS stores it; enter "acme.com".',
    ],
    [
      "a compatibility form",
      "ⓐcme.com",
      "hostname_idna_unmapped",
      '"ⓐcme" is not written the way DNS stores it; enter "acme".',
    ],
    [
      "a zero-width joiner",
      "a\u200db.com",
      "hostname_control",
      "A host name cannot contain control or invisible characters.",
    ],
    [
      "a right-to-left override",
      "a\u202eb.com",
      "hostname_control",
      "A host name cannot contain control or invisible characters.",
    ],
    ["a NUL byte", "a\u0000b.com", "hostname_control", "A host name cannot contain control or invisible characters."],
    [
      "an emoji",
      "💩.example",
      "hostname_symbol",
      '"💩" contains "💩": a host name has letters, digits and hyphens only.',
    ],
    [
      "a historic script",
      "\u{10330}\u{10331}.example",
      "hostname_script",
      '"\u{10330}\u{10331}" contains "\u{10330}", from a script that host names here do not accept.',
    ],
    // mixed scripts: one Cyrillic "а" in a Latin name, a Devanagari sign in a Latin label
    [
      "Latin with a Cyrillic letter",
      "pаypal.com",
      "hostname_mixed_script",
      '"pаypal" mixes Latin and Cyrillic letters; use one alphabet per label.',
    ],
    [
      "a homograph of a tenant by one letter",
      "vоicereseller.localhost",
      "hostname_mixed_script",
      '"vоicereseller" mixes Latin and Cyrillic letters; use one alphabet per label.',
    ],
    [
      "punycode of a mixed label",
      "xn--ab-fsf.com",
      "hostname_mixed_script",
      '"a्b" mixes Latin and Devanagari letters; use one alphabet per label.',
    ],
    [
      "Latin with Han",
      "acme日本.jp",
      "hostname_mixed_script",
      '"acme日本" mixes Latin and Han letters; use one alphabet per label.',
    ],
    // whole-script homographs of Latin names
    [
      "Cyrillic acme",
      "асме.localhost",
      "hostname_confusable",
      '"асме" can be mistaken for "acme": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
    ],
    [
      "Cyrillic acme, as punycode",
      "xn--80akut.localhost",
      "hostname_confusable",
      '"асме" can be mistaken for "acme": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
    ],
    [
      "Cyrillic apple",
      "аррӏе.com",
      "hostname_confusable",
      '"аррӏе" can be mistaken for "apple": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
    ],
    [
      "Greek",
      "ορο.com",
      "hostname_confusable",
      '"ορο" can be mistaken for "opo": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
    ],
    [
      "a dotless i",
      "bıstro.example",
      "hostname_confusable",
      '"bıstro" can be mistaken for "bistro": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
    ],
    [
      "Cyrillic under a Latin top-level domain",
      "кот.com",
      "hostname_confusable",
      '"кот" can be mistaken for "kot": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
    ],
    ["an IP", "192.0.2.1", "hostname_ip", "An IP address cannot be a domain: enter a host name."],
    [
      "the platform",
      "localhost",
      "hostname_platform",
      "localhost is the platform's own address; use a host name of your own (a subdomain of it works too).",
    ],
    [
      "a bad label",
      "my_brand.example.com",
      "hostname_invalid",
      '"my_brand" is not a valid host name label (letters, digits and inner hyphens, at most 63).',
    ],
  ])("%s: %j", (_name, raw, reason, message) => {
    expect(checkDomainHostname(raw, PLATFORM)).toEqual({ ok: false, problem: { reason, message } });
  });
});

describe("isDevelopmentHostname", () => {
  it.each<[string, readonly string[], boolean]>([
    ["clinic.localhost", ["localhost"], true],
    ["deep.clinic.localhost", ["localhost"], true],
    ["localhost", ["localhost"], false],
    ["clinic.localhost.example.com", ["localhost"], false],
    ["notlocalhost", ["localhost"], false],
    ["clinic.localhost", [], false],
    ["a.test", ["localhost", "test"], true],
  ])("%s under %j: %s", (hostname, suffixes, expected) => {
    expect(isDevelopmentHostname(hostname, suffixes)).toBe(expected);
  });
});
