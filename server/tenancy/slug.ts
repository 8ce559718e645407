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
