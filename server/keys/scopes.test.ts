import { describe, expect, it } from "vitest";
import { KEY_SCOPES, permissionsOfRole } from "../auth/permissions";
import { DomainError } from "../domain-error";
import { checkExpiry } from "./create";
import { checkScopes, grantableScopes, scopePresets, scopesByNoun } from "./scopes";

const reasonOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.problems.map(({ reason, field }) => ({ reason, field }));
    throw error;
  }
  return null;
};

describe("what a key may be given", () => {
  it("is what the person holds among the scopes a key may hold, never keys:*", () => {
    expect(grantableScopes(permissionsOfRole("owner"))).toEqual(KEY_SCOPES);
    expect(grantableScopes(permissionsOfRole("owner")).some((scope) => scope.startsWith("keys:"))).toBe(false);
    const manager = grantableScopes(permissionsOfRole("manager"));
    expect(manager).toContain("extensions:write");
    expect(manager).not.toContain("users:write");
  });

  it("offers read only (the read halves) and read and write (everything grantable)", () => {
    const presets = scopePresets(grantableScopes(permissionsOfRole("manager")));
    expect(presets.read.every((scope) => scope.endsWith(":read"))).toBe(true);
    expect(presets.read).toContain("extensions:read");
    expect(presets.write).toEqual(grantableScopes(permissionsOfRole("manager")));
  });

  it("groups scopes by noun in their own order", () => {
    expect(scopesByNoun(["account:read", "extensions:read", "extensions:write"])).toEqual([
      { noun: "account", scopes: ["account:read"] },
      { noun: "extensions", scopes: ["extensions:read", "extensions:write"] },
    ]);
  });

  it("accepts a subset, without repeats and in canonical order; refuses one beyond, and none", () => {
    const manager = grantableScopes(permissionsOfRole("manager"));
    expect(checkScopes(["extensions:write", "account:read", "extensions:write"], manager)).toEqual([
      "account:read",
      "extensions:write",
    ]);
    expect(reasonOf(() => checkScopes(["users:write"], manager))).toEqual([
      { reason: "scope_not_grantable", field: "scopes" },
    ]);
    expect(reasonOf(() => checkScopes(["keys:write"], KEY_SCOPES))).toEqual([
      { reason: "scope_not_grantable", field: "scopes" },
    ]);
    expect(reasonOf(() => checkScopes([], manager))).toEqual([{ reason: "required", field: "scopes" }]);
  });
});

describe("a key's expiry", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it("may be absent, or in the future within a year", () => {
    expect(checkExpiry(null, now)).toBeNull();
    const inAYear = new Date("2027-11-30T12:00:00Z");
    expect(checkExpiry(inAYear, now)).toEqual(inAYear);
  });
  it("is refused in the past, now, or beyond a year, at expiresAt", () => {
    expect(reasonOf(() => checkExpiry(now, now))).toEqual([{ reason: "expiry_in_past", field: "expiresAt" }]);
    expect(reasonOf(() => checkExpiry(new Date("2027-11-30T12:00:01Z"), now))).toEqual([
      { reason: "expiry_too_far", field: "expiresAt" },
    ]);
  });
});
