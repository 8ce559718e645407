import { describe, expect, it } from "vitest";
import type { HostBrand } from "../tenancy/host-resolver";
import { accountAllowedOnHost, SignInInput } from "./sign-in";

// master -> voicereseller -> bistro -> bistro-branch, and master -> acme -> acme-child
const MASTER = "00000000-0000-4000-8000-000000000001";
const VOICERESELLER = "00000000-0000-4000-8000-000000000002";
const BISTRO = "00000000-0000-4000-8000-000000000003";
const BISTRO_BRANCH = "00000000-0000-4000-8000-000000000004";
const ACME = "00000000-0000-4000-8000-000000000005";
const ACME_CHILD = "00000000-0000-4000-8000-000000000006";
const ELSEWHERE = "00000000-0000-4000-8000-000000000007";

/** Each account's ancestors, nearest first. */
const ANCESTORS: Record<string, readonly string[]> = {
  [MASTER]: [],
  [VOICERESELLER]: [MASTER],
  [BISTRO]: [VOICERESELLER, MASTER],
  [BISTRO_BRANCH]: [BISTRO, VOICERESELLER, MASTER],
  [ACME]: [MASTER],
  [ACME_CHILD]: [ACME, MASTER],
  [ELSEWHERE]: [],
};

function brandHost(accountId: string, slug: string): HostBrand {
  return { kind: "brand", hostname: `${slug}.localhost`, accountId, slug, isReseller: true, status: "active" };
}

const PLATFORM_HOST: HostBrand = { kind: "platform", hostname: "localhost" };
const VOICERESELLER_HOST = brandHost(VOICERESELLER, "voicereseller");
const ACME_HOST = brandHost(ACME, "acme");

describe("accountAllowedOnHost", () => {
  it.each<[string, HostBrand, string, boolean]>([
    // the platform host lets every account in
    ["master on the platform host", PLATFORM_HOST, MASTER, true],
    ["voicereseller on the platform host", PLATFORM_HOST, VOICERESELLER, true],
    ["bistro-branch on the platform host", PLATFORM_HOST, BISTRO_BRANCH, true],
    ["acme-child on the platform host", PLATFORM_HOST, ACME_CHILD, true],
    ["an unrelated account on the platform host", PLATFORM_HOST, ELSEWHERE, true],
    // a brand host: its own account and everything below it
    ["voicereseller on its own host", VOICERESELLER_HOST, VOICERESELLER, true],
    ["bistro (child) on voicereseller's host", VOICERESELLER_HOST, BISTRO, true],
    ["bistro-branch (grandchild) on voicereseller's host", VOICERESELLER_HOST, BISTRO_BRANCH, true],
    ["acme on its own host", ACME_HOST, ACME, true],
    ["acme-child on acme's host", ACME_HOST, ACME_CHILD, true],
    // ... and nobody else
    ["master (the brand's parent) on voicereseller's host", VOICERESELLER_HOST, MASTER, false],
    ["acme (a sibling) on voicereseller's host", VOICERESELLER_HOST, ACME, false],
    ["acme-child (a sibling's child) on voicereseller's host", VOICERESELLER_HOST, ACME_CHILD, false],
    ["an unrelated account on voicereseller's host", VOICERESELLER_HOST, ELSEWHERE, false],
    ["voicereseller on acme's host", ACME_HOST, VOICERESELLER, false],
    ["bistro on acme's host", ACME_HOST, BISTRO, false],
  ])("%s -> %s", (_case, host, accountId, allowed) => {
    expect(accountAllowedOnHost(host, accountId, ANCESTORS[accountId] ?? [])).toBe(allowed);
  });

  it("trusts the ancestors it is given, whatever their order", () => {
    expect(accountAllowedOnHost(VOICERESELLER_HOST, BISTRO_BRANCH, [MASTER, VOICERESELLER, BISTRO])).toBe(true);
    expect(accountAllowedOnHost(VOICERESELLER_HOST, BISTRO_BRANCH, [])).toBe(false);
  });

  it("compares account ids, not slugs", () => {
    const host = brandHost(VOICERESELLER, "voicereseller");
    expect(accountAllowedOnHost(host, "voicereseller", ["voicereseller"])).toBe(false);
  });
});

describe("SignInInput", () => {
  const valid = { email: "owner@bistro.test", password: "correct horse", tenant: "bistro" };

  it.each([
    [valid, valid],
    [
      { email: " Owner@Bistro.TEST ", password: " spaced ", tenant: " Bistro " },
      { email: "owner@bistro.test", password: " spaced ", tenant: "bistro" },
    ],
    [
      { ...valid, tenant: "City-Clinic" },
      { ...valid, tenant: "city-clinic" },
    ],
  ])("accepts %j as %j (email and tenant normalised, password untouched)", (input, expected) => {
    expect(SignInInput.parse(input)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ["a malformed email", { ...valid, email: "not-an-email" }, "email", "Enter a valid email address"],
    ["an email without a domain", { ...valid, email: "owner@" }, "email", "Enter a valid email address"],
    ["an empty email", { ...valid, email: "" }, "email", "Enter a valid email address"],
    ["a blank email", { ...valid, email: "   " }, "email", "Enter a valid email address"],
    ["an empty password", { ...valid, password: "" }, "password", "Enter your password"],
    ["an overlong password", { ...valid, password: "x".repeat(257) }, "password", "That password is too long"],
    [
      "a tenant with spaces and punctuation",
      { ...valid, tenant: "Bad Slug!" },
      "tenant",
      "A tenant is 3 to 40 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
    ],
    [
      "a tenant starting with a hyphen",
      { ...valid, tenant: "-bistro" },
      "tenant",
      "A tenant is 3 to 40 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
    ],
    [
      "a tenant too short",
      { ...valid, tenant: "ab" },
      "tenant",
      "A tenant is 3 to 40 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
    ],
    [
      "an empty tenant",
      { ...valid, tenant: "" },
      "tenant",
      "A tenant is 3 to 40 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
    ],
  ])("refuses %s with a clear message", (_case, input, field, message) => {
    const result = SignInInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.path).toEqual([field]);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("accepts a password of exactly 256 characters", () => {
    expect(SignInInput.safeParse({ ...valid, password: "x".repeat(256) }).success).toBe(true);
  });

  it("reports every bad field at once", () => {
    const result = SignInInput.safeParse({ email: "nope", password: "", tenant: "-" });
    expect(result.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["email", "password", "tenant"]);
  });

  it.each<[string, Record<string, unknown>]>([
    ["a missing email", { password: "x", tenant: "bistro" }],
    ["a missing password", { email: "owner@bistro.test", tenant: "bistro" }],
    ["a missing tenant", { email: "owner@bistro.test", password: "x" }],
    ["a non-string password", { ...valid, password: 12345 }],
  ])("refuses %s", (_case, input) => {
    expect(SignInInput.safeParse(input).success).toBe(false);
  });
});
