import { describe, expect, it } from "vitest";
import { domainLimitProblem, overlapProblem, unverifiedPrimaryProblem } from "./rules";
import { verificationOf, verificationProblem, verificationRecord } from "./verification";

const LIMITS = { brand: 10, sip: 3 } as const;

describe("domainLimitProblem", () => {
  it("allows domains up to the limit of their kind, each kind counted on its own", () => {
    expect(domainLimitProblem("Bistro", "brand", 9, LIMITS)).toBeNull();
    expect(domainLimitProblem("Bistro", "sip", 2, LIMITS)).toBeNull();
  });

  it.each<["brand" | "sip", number, string]>([
    ["brand", 10, "Bistro has 10 brand domains, the most an account can have (10). Remove one to add another."],
    ["sip", 3, "Bistro has 3 SIP domains, the most an account can have (3). Remove one to add another."],
    ["sip", 4, "Bistro has 4 SIP domains, the most an account can have (3). Remove one to add another."],
  ])("refuses a %s domain beyond %i", (kind, count, message) => {
    expect(domainLimitProblem("Bistro", kind, count, LIMITS)).toEqual({ reason: "domain_limit", message });
  });
});

describe("overlapProblem", () => {
  it.each([
    [
      "below" as const,
      {
        reason: "hostname_below_other",
        message:
          "x.acme.localhost is under a domain that another account uses; a domain and the names below it belong to one account.",
      },
    ],
    [
      "above" as const,
      {
        reason: "hostname_above_other",
        message:
          "Names under x.acme.localhost are in use by another account; a domain and the names below it belong to one account.",
      },
    ],
    [null, null],
  ])("%s", (overlap, expected) => {
    expect(overlapProblem("x.acme.localhost", overlap)).toEqual(expected);
  });
});

describe("verification", () => {
  const record = verificationRecord("portal.clinic.example", "0123456789abcdef0123456789abcdef");

  it("publishes one TXT record under _portal-verify", () => {
    expect(record).toEqual({
      name: "_portal-verify.portal.clinic.example",
      type: "TXT",
      value: "portal-verify=0123456789abcdef0123456789abcdef",
    });
  });

  it("counts a DNS-verified domain and a development name as verified, nothing else", () => {
    expect(verificationOf({ hostname: "portal.clinic.example", verified: true }, ["localhost"])).toBe("dns");
    expect(verificationOf({ hostname: "clinic.localhost", verified: false }, ["localhost"])).toBe("development");
    expect(verificationOf({ hostname: "clinic.localhost", verified: false }, [])).toBeNull();
    expect(verificationOf({ hostname: "portal.clinic.example", verified: false }, ["localhost"])).toBeNull();
  });

  it("accepts the expected value among other records, with surrounding spaces", () => {
    expect(verificationProblem(record, { records: ["v=spf1 -all", ` ${record.value} `] })).toBeNull();
  });

  it.each([
    ["no such name", { error: "ENOTFOUND" }, "verification_record_missing", "No TXT record found at"],
    ["no TXT at the name", { error: "ENODATA" }, "verification_record_missing", "No TXT record found at"],
    ["no answer", { error: "ETIMEOUT" }, "verification_lookup_failed", "failed (ETIMEOUT)"],
    ["a refusal", { error: "EREFUSED" }, "verification_lookup_failed", "failed (EREFUSED)"],
    [
      "another token",
      { records: ["portal-verify=ffffffffffffffffffffffffffffffff"] },
      "verification_token_mismatch",
      "does not hold",
    ],
    [
      "the token without its prefix",
      { records: ["0123456789abcdef0123456789abcdef"] },
      "verification_token_mismatch",
      "does not hold",
    ],
  ])("refuses %s", (_name, answer, reason, words) => {
    const problem = verificationProblem(record, answer);
    expect(problem?.reason).toBe(reason);
    expect(problem?.message).toContain(words);
    expect(problem?.message).toContain("_portal-verify.portal.clinic.example");
  });
});

describe("unverifiedPrimaryProblem", () => {
  it.each([
    [{ hostname: "portal.example.com", kind: "brand" as const, verified: true }, null],
    [{ hostname: "clinic.localhost", kind: "brand" as const, verified: false }, null],
    [{ hostname: "sip.example.com", kind: "sip" as const, verified: false }, null],
    [
      { hostname: "portal.example.com", kind: "brand" as const, verified: false },
      {
        reason: "primary_unverified",
        message: "Verify portal.example.com before making it primary: until then the portal does not answer on it.",
      },
    ],
  ])("%j", (domain, expected) => {
    expect(unverifiedPrimaryProblem(domain, ["localhost"])).toEqual(expected);
  });
});
