import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { reasonOf } from "../error-message";
import { cursorText, hasFormatCharacter, hasVisibleCharacter, nameText, plainText } from "./text";

const name = nameText({ label: "The name", max: 20, required: "Enter a name" });
const search = plainText({ label: "Search", max: 20 });

/** The reasons a value is refused for, or the value it becomes. */
function outcome(schema: z.ZodType, value: unknown): { value: unknown } | { reasons: string[] } {
  const parsed = schema.safeParse(value);
  return parsed.success ? { value: parsed.data } : { reasons: parsed.error.issues.map(reasonOf) };
}

describe("plainText", () => {
  it.each([
    ["a NUL byte", "a\u0000b"],
    ["a line break", "a\nb"],
    ["a tab", "a\tb"],
    ["DEL", "a\u007fb"],
    ["a C1 control", "a\u0085b"],
    ["a line separator", "a\u2028b"],
    ["a lone surrogate half", "a\ud800b"],
  ])("refuses %s anywhere", (_case, value) => {
    expect(outcome(search, value)).toEqual({ reasons: ["control_character"] });
    expect(outcome(name, value)).toMatchObject({ reasons: expect.arrayContaining(["control_character"]) });
  });

  it("normalises to NFC and trims", () => {
    // "é" as e + combining acute becomes the one character é.
    expect(outcome(search, "  Cafe\u0301 ")).toEqual({ value: "Caf\u00e9" });
  });

  it("allows an empty value unless required, and bounds the length", () => {
    expect(outcome(search, "")).toEqual({ value: "" });
    expect(outcome(search, "x".repeat(21))).toEqual({ reasons: ["too_long"] });
    expect(outcome(search, 5)).toEqual({ reasons: ["invalid_type"] });
  });

  it("leaves format characters to the kinds of text that refuse them", () => {
    expect(outcome(search, "a\u202eb")).toEqual({ value: "a\u202eb" });
  });
});

describe("nameText", () => {
  it.each([
    ["a right-to-left override", "Acme\u202eevil", "format_character"],
    ["a left-to-right isolate", "\u2066Acme", "format_character"],
    ["a zero-width space inside", "Ac\u200bme", "format_character"],
    ["a byte order mark inside (trimmed at the ends)", "Ac\ufeffme", "format_character"],
    ["a soft hyphen", "Ac\u00adme", "format_character"],
    ["a joiner at the start", "\u200dAcme", "format_character"],
  ])("refuses %s", (_case, value, reason) => {
    expect(outcome(name, value)).toEqual({ reasons: [reason] });
  });

  it.each([
    ["only zero-width spaces", "\u200b\u200b\u200b"],
    ["only zero-width joiners", "\u200d\u200c"],
  ])("refuses a name of %s, which would show as a blank", (_case, value) => {
    expect(outcome(name, value)).toMatchObject({ reasons: expect.arrayContaining(["format_character"]) });
  });

  it.each([
    ["a Hangul filler", "\u3164"],
    ["a blank braille pattern", "\u2800\u2800"],
    ["combining marks alone", "\u0301\u0301"],
    ["non-breaking spaces", "\u00a0\u3000"],
  ])("refuses a name of %s: nothing visible", (_case, value) => {
    const result = outcome(name, value);
    expect(result).toHaveProperty("reasons");
    expect("reasons" in result && result.reasons.some((r) => r === "no_visible_character" || r === "required")).toBe(
      true,
    );
  });

  it("requires a value, with its own message", () => {
    const parsed = name.safeParse("   ");
    expect(parsed.error?.issues.map((issue) => [reasonOf(issue), issue.message])).toEqual([
      ["required", "Enter a name"],
    ]);
  });

  it.each([
    ["a plain name", "Bistro Group", "Bistro Group"],
    ["accents, composed", "Cafe\u0301 Ro\u0308ssli", "Caf\u00e9 R\u00f6ssli"],
    ["runs of spaces, as one", "Bistro \u00a0  Group", "Bistro Group"],
    ["a Persian name with a zero-width non-joiner in a word", "\u0645\u06cc\u200c\u0631\u0648\u0645", null],
    ["an emoji sequence joined by a zero-width joiner", "Team \u{1F469}\u200d\u{1F4BB}", null],
    ["Arabic script, written right to left by itself", "\u0645\u0637\u0639\u0645", null],
  ])("accepts %s", (_case, value, expected) => {
    expect(outcome(name, value)).toEqual({ value: expected ?? value });
  });
});

describe("the character classes", () => {
  it("tell format and visible characters", () => {
    expect(hasFormatCharacter("a\u200bb")).toBe(true);
    expect(hasFormatCharacter("a\u200cb")).toBe(false);
    expect(hasVisibleCharacter("\u200b")).toBe(false);
    expect(hasVisibleCharacter("-")).toBe(true);
  });
});

describe("cursorText", () => {
  const cursor = cursorText((value) => /^[a-z]+$/.test(value));

  it("accepts what the decoder accepts, and refuses anything else as invalid_cursor", () => {
    expect(outcome(cursor, "abc")).toEqual({ value: "abc" });
    for (const bad of ["abc\u0000", "ABC", "", "a".repeat(201), "abc_x"]) {
      expect(outcome(cursor, bad)).toEqual({ reasons: ["invalid_cursor"] });
    }
  });
});
