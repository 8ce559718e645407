import type { PublicSettings } from "./host-branding";

/** `value` as a #rrggbb colour (trimmed, lower case), or null while it is not a whole one. */
export function wholeColour(value: string): string | null {
  const colour = value.trim().toLowerCase();
  return /^#[0-9a-f]{6}$/.test(colour) ? colour : null;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((lighter ?? 0) + 0.05) / ((darker ?? 0) + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function readableTextOn(background: string): string {
  return contrastRatio(background, "#ffffff") >= contrastRatio(background, "#111827") ? "#ffffff" : "#111827";
}

/**
 * The focus ring is two-tone: a dark outline around a light halo. Whatever colour a focused control
 * sits on (white card, brand header, dark banner, any brand colour), one of the two tones keeps at
 * least 3:1 contrast with it (WCAG 2.4.13): the two are 17.7:1 apart, so the better one is at least
 * the square root of that, 4.2:1, from any colour.
 */
export const FOCUS_RING = { outline: "#111827", halo: "#ffffff" } as const;

/** The contrast the focus ring keeps against `surface`: that of its better tone. */
export function focusRingContrastOn(surface: string): number {
  return Math.max(contrastRatio(surface, FOCUS_RING.outline), contrastRatio(surface, FOCUS_RING.halo));
}

export type ThemeVariables = Record<`--${string}`, string>;

/** The effective brand as the CSS variables every page is styled with. */
export function themeVariables(settings: PublicSettings): ThemeVariables {
  const primary = settings.primaryColor.value;
  const accent = settings.accentColor.value;
  return {
    "--brand-primary": primary,
    "--brand-on-primary": readableTextOn(primary),
    "--brand-accent": accent,
    "--brand-on-accent": readableTextOn(accent),
    "--brand-focus-outline": FOCUS_RING.outline,
    "--brand-focus-halo": FOCUS_RING.halo,
  };
}
