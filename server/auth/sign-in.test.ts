import { describe, expect, it } from "vitest";
import { SignInInput } from "./sign-in";

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
