/**
 * Money as the portal keeps it: integer minor units (cents) of one ISO 4217 currency. Amounts are
 * never floats here: a typed "12.30" becomes 1230 by its digits, and 1230 is shown through Intl.
 * Safe in the browser: no server imports.
 */

/** The largest amount one entry or limit may carry, in minor units (ten billion in major units). */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** How many minor-unit digits the currency has (USD 2, JPY 0, BHD 3), as Intl knows it. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * A typed amount ("12", "12.3", "1,234.50") in minor units, or null when it is not a plain
 * non-negative amount with at most the currency's digits after the point. Grouping commas are
 * allowed only in groups of three.
 */
export function parseAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match?.[1]) return null;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const whole = match[1].replaceAll(",", "");
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) && minor <= MAX_AMOUNT_MINOR ? minor : null;
}

/** An amount in minor units as a person reads it: "$12.30", "-€4.00". */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 10 ** digits);
}

/** An amount in minor units as the amount field shows it again: 1230 USD -> "12.30". */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
