import { z } from "zod";

/** Same rule as the accounts.slug CHECK constraint. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    SLUG_PATTERN,
    "A tenant is 3 to 40 lowercase letters, digits or hyphens, not starting or ending with a hyphen",
  );

/** A slug to offer for `name`: lower case, accents dropped, runs of other characters as one hyphen. */
export function suggestSlug(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 3 ? base : "";
}
