import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { type Problem, problem } from "../domain-error";
import { isCountryCode } from "../tenancy/countries";

/** A stored number: `+`, a country code and up to 15 digits in all (the database checks the same). */
export const E164 = /^\+[1-9][0-9]{6,14}$/;

export type ParsedNumber = { ok: true; e164: string } | { ok: false; problem: Problem };

/**
 * Reads a number as a person types it: international (`+33 1 23 45 67 89`, `0033 …`) or national
 * for `country`, the account's effective country (`01 23 45 67 89` in France). Only a number that
 * libphonenumber-js's full metadata reports valid (a real range of a real country) is accepted, as
 * E.164; anything else is `invalid_number` about `field`.
 */
export function parseNumber(input: string, country: string, field: string | null = "number"): ParsedNumber {
  const defaultCountry: CountryCode | undefined = isCountryCode(country) ? country : undefined;
  const parsed = parsePhoneNumberFromString(input, { defaultCountry });
  if (!parsed?.isValid()) {
    const where = defaultCountry
      ? `, or as it is dialled within ${countryLabel(defaultCountry)} (${defaultCountry})`
      : "";
    return {
      ok: false,
      problem: problem(
        "invalid_number",
        `“${input.trim()}” is not a valid phone number. Enter it with its country code (+33 1 23 45 67 89)${where}.`,
        field,
      ),
    };
  }
  return { ok: true, e164: parsed.number };
}

/**
 * How a stored number is shown: always international (`+33 1 23 45 67 89`), and also national
 * (`01 23 45 67 89`) when it is a number of the holder's own country, as people there dial it.
 */
export function formatNumber(e164: string, holderCountry: string): { international: string; national: string | null } {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return { international: e164, national: null };
  return {
    international: parsed.formatInternational(),
    national: parsed.country === holderCountry ? parsed.formatNational() : null,
  };
}

const names = new Intl.DisplayNames(["en"], { type: "region" });

function countryLabel(code: CountryCode): string {
  return names.of(code) ?? code;
}
