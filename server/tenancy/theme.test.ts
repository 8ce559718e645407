import { describe, expect, it } from "vitest";
import { SETTING_EXAMPLES } from "../settings/registry";
import type { InheritableSettings } from "./branding";
import { resolveInherited } from "./inheritance";
import {
  contrastRatio,
  FOCUS_RING,
  focusRingContrastOn,
  readableTextOn,
  relativeLuminance,
  themeVariables,
  wholeColour,
} from "./theme";

const WHITE = "#ffffff";
const DARK = "#111827";

describe("relativeLuminance", () => {
  it.each([
    ["#ffffff", 1],
    ["#FFFFFF", 1],
    ["#000000", 0],
    // the WCAG channel weights
    ["#ff0000", 0.2126],
    ["#00ff00", 0.7152],
    ["#0000ff", 0.0722],
    // mid grey: 128/255 linearised
    ["#808080", 0.2159],
  ])("of %s is %d", (colour, expected) => {
    expect(relativeLuminance(colour)).toBeCloseTo(expected, 4);
  });
});

describe("contrastRatio", () => {
  // Published ratios (WebAIM contrast checker), to two decimals.
  it.each([
    ["#ffffff", "#000000", 21],
    ["#767676", "#ffffff", 4.54],
    ["#777777", "#ffffff", 4.48],
    ["#595959", "#ffffff", 7.0],
    ["#0000ff", "#ffffff", 8.59],
    ["#ff0000", "#ffffff", 4.0],
    ["#00ff00", "#000000", 15.3],
    ["#ffff00", "#000000", 19.56],
    ["#111827", "#ffffff", 17.74],
  ])("%s against %s is %d, in either order", (a, b, expected) => {
    expect(contrastRatio(a, b)).toBeCloseTo(expected, 2);
    expect(contrastRatio(b, a)).toBeCloseTo(expected, 2);
  });

  it.each(["#ffffff", "#000000", "#7c3aed", "#0f766e", "#fde047"])("%s against itself is 1", (colour) => {
    expect(contrastRatio(colour, colour)).toBeCloseTo(1, 10);
  });

  it("ignores the case of the hex digits", () => {
    expect(contrastRatio("#7C3AED", "#FFFFFF")).toBeCloseTo(contrastRatio("#7c3aed", "#ffffff"), 10);
  });
});

describe("readableTextOn", () => {
  it.each([
    ["#ffffff", DARK],
    ["#000000", WHITE],
    ["#7c3aed", WHITE], // violet
    ["#0f766e", WHITE], // teal
    ["#2563eb", WHITE], // blue
    ["#767676", WHITE], // the darkest grey that still passes AA with white
    ["#f59e0b", DARK], // amber
    ["#fde047", DARK], // yellow
    ["#22c55e", DARK], // green
    ["#ff0000", DARK], // pure red reads (slightly) better in dark text
  ])("text on %s is %s", (background, text) => {
    expect(readableTextOn(background)).toBe(text);
  });

  it.each(["#ffffff", "#000000", "#7c3aed", "#0f766e", "#f59e0b", "#fde047", "#ff0000", "#808080"])(
    "on %s the chosen text has at least the contrast of the other choice",
    (background) => {
      const chosen = readableTextOn(background);
      const other = chosen === WHITE ? DARK : WHITE;
      expect([WHITE, DARK]).toContain(chosen);
      expect(contrastRatio(background, chosen)).toBeGreaterThanOrEqual(contrastRatio(background, other));
    },
  );
});

describe("themeVariables", () => {
  const platform: InheritableSettings = {
    ...SETTING_EXAMPLES,
    brandName: "SIP.IO",
    brandDomain: null,
    logoUrl: null,
    primaryColor: "#7c3aed",
    accentColor: "#fde047",
    supportEmail: null,
    supportPhone: null,
    timezone: "UTC",
    language: "en",
    voiceGender: "female",
    defaultCidNumber: null,
    country: "US",
    defaultDestination: null,
  };

  it("gives the four brand variables, each text colour readable on its background", () => {
    expect(themeVariables(resolveInherited([], platform))).toEqual({
      "--brand-primary": "#7c3aed",
      "--brand-on-primary": WHITE,
      "--brand-accent": "#fde047",
      "--brand-on-accent": DARK,
      "--brand-focus-outline": FOCUS_RING.outline,
      "--brand-focus-halo": FOCUS_RING.halo,
    });
  });

  it("uses the effective (inherited) colours, not the platform's", () => {
    const chain = [
      {
        accountId: "00000000-0000-4000-8000-000000000001",
        slug: "bistro",
        name: "Bistro",
        depth: 0,
        values: { primaryColor: null, accentColor: "#0f766e" },
      },
      {
        accountId: "00000000-0000-4000-8000-000000000002",
        slug: "voicereseller",
        name: "VoiceReseller",
        depth: 1,
        values: { primaryColor: "#fde047" },
      },
    ];
    const variables = themeVariables(resolveInherited(chain, platform));
    expect(variables).toEqual({
      "--brand-primary": "#fde047",
      "--brand-on-primary": DARK,
      "--brand-accent": "#0f766e",
      "--brand-on-accent": WHITE,
      "--brand-focus-outline": FOCUS_RING.outline,
      "--brand-focus-halo": FOCUS_RING.halo,
    });
    expect(Object.keys(variables).every((name) => name.startsWith("--brand-"))).toBe(true);
  });
});

describe("wholeColour", () => {
  it.each([
    ["#7C3AED", "#7c3aed"],
    [" #0f766e ", "#0f766e"],
    ["#7c3a", null],
    ["7c3aed", null],
    ["#7c3aedd", null],
    ["", null],
  ])("%j is %j", (value, expected) => {
    expect(wholeColour(value)).toBe(expected);
  });
});

describe("focus ring", () => {
  const hex = (value: number) => value.toString(16).padStart(2, "0");
  // Every colour on a 17-step grid of the RGB cube (4,913 colours), the greys between, and the surfaces the portal paints.
  const steps = Array.from({ length: 17 }, (_, index) => Math.min(255, index * 16));
  const grid = steps.flatMap((r) => steps.flatMap((g) => steps.map((b) => `#${hex(r)}${hex(g)}${hex(b)}`)));
  const greys = Array.from({ length: 256 }, (_, value) => `#${hex(value).repeat(3)}`);

  it("keeps at least 3:1 against any colour a control can sit on, brand colours included", () => {
    const worst = Math.min(...[...grid, ...greys, "#f8fafc", "#0f172a", "#7c3aed", "#fde047"].map(focusRingContrastOn));
    expect(worst).toBeGreaterThanOrEqual(3);
  });

  it("is a dark outline around a light halo", () => {
    expect(contrastRatio(FOCUS_RING.outline, FOCUS_RING.halo)).toBeGreaterThan(9);
  });
});
