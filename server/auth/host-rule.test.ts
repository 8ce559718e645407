import { describe, expect, it } from "vitest";
import type { HostBrand } from "../tenancy/host-resolver";
import { accountAllowedOnHost } from "./host-rule";

// Platform-direct: voicereseller (a reseller) and acme. Below voicereseller: bistro (a
// sub-reseller) and city-clinic; below bistro: bistro-branch. Below acme: acme-child.
const VOICERESELLER = "00000000-0000-4000-8000-000000000002";
const BISTRO = "00000000-0000-4000-8000-000000000003";
const BISTRO_BRANCH = "00000000-0000-4000-8000-000000000004";
const ACME = "00000000-0000-4000-8000-000000000005";
const ACME_CHILD = "00000000-0000-4000-8000-000000000006";
const CITY_CLINIC = "00000000-0000-4000-8000-000000000008";

/** Each account's ancestors, from the root down, as the database keeps them. */
const ANCESTORS: Record<string, readonly string[]> = {
  [VOICERESELLER]: [],
  [BISTRO]: [VOICERESELLER],
  [BISTRO_BRANCH]: [VOICERESELLER, BISTRO],
  [CITY_CLINIC]: [VOICERESELLER],
  [ACME]: [],
  [ACME_CHILD]: [ACME],
};

function brandHost(accountId: string, slug: string): HostBrand {
  return { kind: "brand", hostname: `${slug}.localhost`, accountId, slug, isReseller: true, status: "active" };
}

const PLATFORM_HOST: HostBrand = { kind: "platform", hostname: "localhost" };
const VOICERESELLER_HOST = brandHost(VOICERESELLER, "voicereseller");
const BISTRO_HOST = brandHost(BISTRO, "bistro");
const BRANCH_HOST = brandHost(BISTRO_BRANCH, "branch");
const ACME_HOST = brandHost(ACME, "acme");

describe("accountAllowedOnHost", () => {
  it.each<[string, HostBrand, string, boolean]>([
    // the platform host: platform-direct accounts only
    ["voicereseller (platform-direct reseller) on the platform host", PLATFORM_HOST, VOICERESELLER, true],
    ["acme (platform-direct) on the platform host", PLATFORM_HOST, ACME, true],
    ["bistro (a reseller's customer) on the platform host", PLATFORM_HOST, BISTRO, false],
    ["city-clinic (a reseller's customer) on the platform host", PLATFORM_HOST, CITY_CLINIC, false],
    ["bistro-branch (a sub-reseller's customer) on the platform host", PLATFORM_HOST, BISTRO_BRANCH, false],
    ["acme-child on the platform host", PLATFORM_HOST, ACME_CHILD, false],
    // a brand host: its own account and everything below it
    ["voicereseller on its own host", VOICERESELLER_HOST, VOICERESELLER, true],
    ["bistro (child) on voicereseller's host", VOICERESELLER_HOST, BISTRO, true],
    ["bistro-branch (grandchild) on voicereseller's host", VOICERESELLER_HOST, BISTRO_BRANCH, true],
    ["bistro on its own host", BISTRO_HOST, BISTRO, true],
    ["bistro-branch on its sub-reseller's host", BISTRO_HOST, BISTRO_BRANCH, true],
    ["bistro-branch on its own host", BRANCH_HOST, BISTRO_BRANCH, true],
    ["acme on its own host", ACME_HOST, ACME, true],
    ["acme-child on acme's host", ACME_HOST, ACME_CHILD, true],
    // ... and never upward or sideways
    ["voicereseller on its customer's host", BISTRO_HOST, VOICERESELLER, false],
    ["bistro on its own customer's host", BRANCH_HOST, BISTRO, false],
    ["city-clinic (a sibling) on bistro's host", BISTRO_HOST, CITY_CLINIC, false],
    ["acme (another platform-direct account) on voicereseller's host", VOICERESELLER_HOST, ACME, false],
    ["acme-child (a sibling's child) on voicereseller's host", VOICERESELLER_HOST, ACME_CHILD, false],
    ["voicereseller on acme's host", ACME_HOST, VOICERESELLER, false],
    ["bistro on acme's host", ACME_HOST, BISTRO, false],
  ])("%s -> %s", (_case, host, accountId, allowed) => {
    expect(accountAllowedOnHost(host, accountId, ANCESTORS[accountId] ?? [])).toBe(allowed);
  });

  it("trusts the ancestors it is given, whatever their order", () => {
    expect(accountAllowedOnHost(VOICERESELLER_HOST, BISTRO_BRANCH, [BISTRO, VOICERESELLER])).toBe(true);
    expect(accountAllowedOnHost(VOICERESELLER_HOST, BISTRO_BRANCH, [])).toBe(false);
  });

  it("compares account ids, not slugs", () => {
    expect(accountAllowedOnHost(VOICERESELLER_HOST, "voicereseller", ["voicereseller"])).toBe(false);
  });
});
