import { describe, expect, it } from "vitest";
import { contrastRatio, readableTextOn, relativeLuminance } from "./theme";

describe("theme colours", () => {
  it.each([
    ["#ffffff", 1],
    ["#000000", 0],
  ])("luminance of %s is %d", (colour, expected) => {
    expect(relativeLuminance(colour)).toBeCloseTo(expected, 5);
  });

  it.each([
    ["#ffffff", "#000000", 21],
    ["#7c3aed", "#7c3aed", 1],
    ["#777777", "#ffffff", 4.48],
    ["#0f766e", "#ffffff", 5.47],
  ])("contrast of %s on %s is %d", (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 1);
    expect(contrastRatio(b, a)).toBeCloseTo(expected, 1);
  });

  it.each([
    ["#7c3aed", "#ffffff"],
    ["#0f766e", "#ffffff"],
    ["#f59e0b", "#111827"],
    ["#fde047", "#111827"],
  ])("text on %s is %s", (background, text) => {
    expect(readableTextOn(background)).toBe(text);
  });
});
