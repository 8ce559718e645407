import { type CountryCode, getCountries } from "libphonenumber-js";

const names = new Intl.DisplayNames(["en"], { type: "region" });

/**
 * The countries an account may set (those whose numbers libphonenumber-js knows), by English name:
 * the one list the settings form and the validation share.
 */
export const COUNTRIES: readonly { code: CountryCode; name: string }[] = getCountries()
  .map((code) => ({ code, name: names.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

const CODES = new Set<string>(COUNTRIES.map((country) => country.code));

export function isCountryCode(code: string): code is CountryCode {
  return CODES.has(code);
}

export function countryName(code: string): string {
  return names.of(code) ?? code;
}
