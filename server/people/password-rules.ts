import { z } from "zod";

/** The shortest password the portal accepts when one is chosen (NIST SP 800-63B asks for 8 at least). */
export const MIN_PASSWORD_LENGTH = 12;

/**
 * A password someone chooses (invitation, reset, profile): 12 to 256 characters, not blank, not
 * the e-mail address. Length is what makes a password strong; no composition rules (NIST 800-63B).
 * Sign-in itself accepts any stored password (server/auth/sign-in.ts).
 */
export const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.")
  .refine((value) => value.trim().length > 0, {
    message: "The password cannot be only spaces.",
    params: { reason: "blank" },
  });

/** Refuses a password equal to the e-mail (case-insensitively), the first guess anyone makes. */
export function passwordIsEmail(password: string, email: string): boolean {
  return password.trim().toLowerCase() === email.trim().toLowerCase();
}
