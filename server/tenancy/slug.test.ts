import { describe, expect, it } from "vitest";
import { SlugSchema, suggestSlug } from "./slug";

const SLUG_MESSAGE = "A tenant is 3 to 40 lowercase letters, digits or hyphens, not starting or ending with a hyphen";

describe("SlugSchema", () => {
  it.each([
    ["acme", "acme"],
    ["city-clinic", "city-clinic"],
    ["voicereseller", "voicereseller"],
    // trimmed and lower-cased before the check
    ["  acme  ", "acme"],
    ["\tcity-clinic\n", "city-clinic"],
    ["Acme", "acme"],
    ["VoiceReseller", "voicereseller"],
    [" City-Clinic ", "city-clinic"],
    // the edges of the rule
    ["abc", "abc"],
    ["a1b", "a1b"],
    ["123", "123"],
    ["a-b", "a-b"],
    ["a--b", "a--b"],
    ["a".repeat(40), "a".repeat(40)],
    [`  ${"A".repeat(40)}  `, "a".repeat(40)],
  ])("accepts %j as %j", (input, expected) => {
    expect(SlugSchema.parse(input)).toBe(expected);
  });

  it.each([
    "ab",
    "a",
    "",
    "   ",
    "-ab",
    "ab-",
    "-",
    "---",
    " -ab ",
    "Bad Slug!",
    "bad slug",
    "a_b",
    "a.b",
    "acme!",
    "é-accent",
    "a".repeat(41),
    ` ${"a".repeat(41)} `,
  ])("refuses %j with the rule's message", (input) => {
    const result = SlugSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toBe(SLUG_MESSAGE);
  });

  it.each<[unknown]>([[42], [null], [undefined], [["acme"]]])("refuses the non-string %j", (input) => {
    expect(SlugSchema.safeParse(input).success).toBe(false);
  });
});

describe("suggestSlug", () => {
  it.each([
    ["Bistro Group", "bistro-group"],
    ["City Clinic", "city-clinic"],
    ["  Café Crème & Co. ", "cafe-creme-co"],
    ["VoiceReseller Inc.", "voicereseller-inc"],
    ["A".repeat(50), "a".repeat(40)],
    [`${"ab ".repeat(20)}`, "ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-a"],
    ["!!", ""],
    ["Zé", ""],
  ])("%j -> %j", (name, slug) => {
    expect(suggestSlug(name)).toBe(slug);
    if (slug) expect(SlugSchema.parse(slug)).toBe(slug);
  });
});
