import { describe, expect, it } from "vitest";
import { SlugSchema } from "./slug";

describe("SlugSchema", () => {
  it.each([
    ["acme", "acme"],
    ["city-clinic", "city-clinic"],
    ["voicereseller", "voicereseller"],
    ["  Acme  ", "acme"],
    ["a1b", "a1b"],
    ["a".repeat(40), "a".repeat(40)],
  ])("accepts %j as %j", (input, expected) => {
    expect(SlugSchema.parse(input)).toBe(expected);
  });

  it.each(["ab", "-ab", "ab-", "Bad Slug!", "a".repeat(41), "a_b", "", "é-accent"])("refuses %j", (input) => {
    const result = SlugSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("lowercase letters, digits or hyphens");
  });
});
