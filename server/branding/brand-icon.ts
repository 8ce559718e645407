import { readableTextOn, wholeColour } from "../tenancy/theme";

/** The first letter or digit of a brand name, upper-cased; "?" when it has none. */
export function brandInitial(name: string): string {
  const match = name.normalize("NFC").match(/[\p{L}\p{N}]/u);
  return match ? match[0].toLocaleUpperCase() : "?";
}

/**
 * A brand's favicon when it has no logo: its initial on its primary colour, as SVG. Only a whole
 * #rrggbb colour and a single letter or digit go in, so nothing a brand typed can become markup.
 */
export function brandIconSvg(input: { colour: string; initial: string }): string | null {
  const colour = wholeColour(input.colour);
  if (!colour || !/^[\p{L}\p{N}]$/u.test(input.initial)) return null;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
    `<rect width="32" height="32" rx="7" fill="${colour}"/>`,
    `<text x="16" y="22.5" text-anchor="middle" font-family="system-ui,sans-serif" font-size="19" font-weight="700" fill="${readableTextOn(colour)}">${input.initial}</text>`,
    "</svg>",
  ].join("");
}

/** Where a page links its favicon: the brand's logo, else its generated initial. */
export function brandIconHref(brand: { brandName: string; primaryColor: string; logoUrl: string | null }): string {
  if (brand.logoUrl) return brand.logoUrl;
  const params = new URLSearchParams({ c: brand.primaryColor.replace("#", ""), i: brandInitial(brand.brandName) });
  return `/brand-icon?${params.toString()}`;
}
