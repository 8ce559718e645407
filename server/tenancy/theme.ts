import type { EffectiveSettings } from "./branding";

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

export type ThemeVariables = Record<`--${string}`, string>;

/** The effective brand as the CSS variables every page is styled with. */
export function themeVariables(settings: EffectiveSettings): ThemeVariables {
  const primary = settings.primaryColor.value;
  const accent = settings.accentColor.value;
  return {
    "--brand-primary": primary,
    "--brand-on-primary": readableTextOn(primary),
    "--brand-accent": accent,
    "--brand-on-accent": readableTextOn(accent),
  };
}
