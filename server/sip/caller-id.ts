import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { DomainError, problem } from "../domain-error";

/**
 * A caller ID as typed (E.164, or a national number of `country`, spaces and punctuation allowed)
 * in E.164; empty or null: none (the account's default applies). Anything else is
 * `caller_id_invalid` at `callerIdNumber`.
 */
export function readCallerId(typed: string | null | undefined, country: string): string | null {
  if (typed === null || typed === undefined || typed.trim() === "") return null;
  const parsed = parsePhoneNumberFromString(typed, country as CountryCode);
  if (!parsed?.isValid()) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "caller_id_invalid",
        `The caller ID "${typed}" is not a valid phone number; type it as +14155550123 or as a national number of ${country}.`,
        "callerIdNumber",
      ),
    );
  }
  return parsed.number;
}
