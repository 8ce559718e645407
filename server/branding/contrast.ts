import { contrastRatio, readableTextOn } from "../tenancy/theme";

/** WCAG 2 level AA for normal text. */
export const AA_NORMAL_TEXT = 4.5;

/** Links sit on white cards and on the page itself (Tailwind slate-50, app/globals.css): the darker of the two decides. */
const LINK_BACKGROUNDS = ["#ffffff", "#f8fafc"] as const;
const ratio = (value: number) => `${(Math.floor(value * 10) / 10).toFixed(1)}:1`;

/**
 * What the portal does with each brand colour, and whether text stays readable (WCAG AA) there:
 * - the primary colour is a surface under text (header, buttons; text in white or near-black,
 *   whichever reads better) and the colour of links, on white cards and on the page background;
 * - the accent colour is a surface under text (badges, the brand mark).
 * Returns one sentence per failure, naming the colour, the contrast found and the one needed.
 */
export function colourContrastProblems(colours: { primaryColor?: string; accentColor?: string }): {
  field: "primaryColor" | "accentColor";
  message: string;
}[] {
  const problems: { field: "primaryColor" | "accentColor"; message: string }[] = [];
  const { primaryColor, accentColor } = colours;
  if (primaryColor) {
    const asLink = Math.min(...LINK_BACKGROUNDS.map((background) => contrastRatio(primaryColor, background)));
    if (asLink < AA_NORMAL_TEXT) {
      problems.push({
        field: "primaryColor",
        message: `The primary colour ${primaryColor} is too light for links on the page: contrast ${ratio(asLink)}, WCAG AA needs ${AA_NORMAL_TEXT}:1. Choose a darker shade.`,
      });
    }
    const underText = contrastRatio(primaryColor, readableTextOn(primaryColor));
    if (underText < AA_NORMAL_TEXT) {
      problems.push({
        field: "primaryColor",
        message: `Text on the primary colour ${primaryColor} is hard to read: contrast ${ratio(underText)} at best, WCAG AA needs ${AA_NORMAL_TEXT}:1. Choose a darker or lighter shade.`,
      });
    }
  }
  if (accentColor) {
    const underText = contrastRatio(accentColor, readableTextOn(accentColor));
    if (underText < AA_NORMAL_TEXT) {
      problems.push({
        field: "accentColor",
        message: `Text on the accent colour ${accentColor} is hard to read: contrast ${ratio(underText)} at best, WCAG AA needs ${AA_NORMAL_TEXT}:1. Choose a darker or lighter shade.`,
      });
    }
  }
  return problems;
}
