import { describe, expect, it } from "vitest";
import type { HostBrand } from "../tenancy/host-resolver";
import { accountAllowedOnHost, SignInInput } from "./sign-in";

const RESELLER = "11111111-1111-4111-8111-111111111111";
const CHILD = "22222222-2222-4222-8222-222222222222";
const OTHER = "33333333-3333-4333-8333-333333333333";

const brandHost: HostBrand = {
  kind: "brand",
  hostname: "voicereseller.localhost",
  accountId: RESELLER,
  slug: "voicereseller",
  isReseller: true,
  status: "active",
};

describe("accountAllowedOnHost", () => {
  it.each([
    ["the brand account itself", RESELLER, [], true],
    ["an account below it", CHILD, [RESELLER], true],
    ["an account further below", OTHER, [RESELLER, CHILD], true],
    ["an account elsewhere in the tree", OTHER, [], false],
    ["an account above it", OTHER, [], false],
  ] as const)("on a brand host: %s -> %s", (_name, accountId, ancestors, expected) => {
    expect(accountAllowedOnHost(brandHost, accountId, ancestors)).toBe(expected);
  });

  it("on a platform host: everyone", () => {
    expect(accountAllowedOnHost({ kind: "platform", hostname: "localhost" }, OTHER, [])).toBe(true);
  });
});

describe("SignInInput", () => {
  const valid = { email: " Owner@Bistro.TEST ", password: "x", tenant: " Bistro " };

  it("normalises email and tenant", () => {
    expect(SignInInput.parse(valid)).toEqual({ email: "owner@bistro.test", password: "x", tenant: "bistro" });
  });

  it.each([
    [{ ...valid, email: "not-an-email" }, "Enter a valid email address"],
    [{ ...valid, password: "" }, "Enter your password"],
    [{ ...valid, tenant: "Bad Slug!" }, "lowercase letters, digits or hyphens"],
    [{ ...valid, password: "x".repeat(257) }, "too long"],
  ])("refuses %j with a clear message", (input, message) => {
    const result = SignInInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});
