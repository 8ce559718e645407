import { z } from "zod";

/**
 * The one way text enters the portal. Every text a person or program sends (names, searches,
 * host names, destinations, filters, cursors) goes through `plainText` or `nameText`, so that no
 * NUL byte reaches PostgreSQL (which refuses it in text with an error) and no name is invisible or
 * reversed in a list. Each refusal names its reason: `control_character`, `format_character`,
 * `no_visible_character`, `required`, `too_long`.
 */

/** Control characters (C0, C1, DEL), lone surrogate halves, and the line and paragraph separators. */
const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

/** Format characters: zero-width spaces and joiners, bidi embeddings, overrides and isolates, ... */
const FORMAT = /\p{Cf}/u;

/**
 * Zero-width (non-)joiners between two visible characters: the one job they have (Persian and Indic
 * spelling, emoji sequences), and they cannot make a name blank or reorder it there.
 */
const JOINER_IN_A_WORD =
  /(?<=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}])[\u200C\u200D](?=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/gu;

/** Letters, digits, punctuation and symbols, less those that draw nothing (Hangul fillers, blank braille). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
const BLANK_LOOKALIKES = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;

export function hasControlCharacter(value: string): boolean {
  return CONTROL.test(value);
}

export function hasFormatCharacter(value: string): boolean {
  return FORMAT.test(value.replace(JOINER_IN_A_WORD, ""));
}

export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value.replace(BLANK_LOOKALIKES, ""));
}

export type TextOptions = {
  /** The field as the start of a sentence: "The name", "Search", "The host name". */
  label: string;
  /** At most this many characters (UTF-16 units, after normalising). */
  max: number;
  /** The message for an empty value; absent: an empty value is allowed. */
  required?: string;
};

const reason = (name: string) => ({ params: { reason: name } });

/**
 * Text on one line: NFC-normalised and trimmed, with no control character (a NUL byte, a line
 * break, a tab), at most `max` characters. For searches, filters and values whose own format
 * check follows (host names, e-mail addresses, numbers).
 */
export function plainText({ label, max, required }: TextOptions) {
  return withBounds(oneLine(label), { label, max, required });
}

/**
 * A name people read in lists (account, brand, destination): plain text whose runs of spaces are
 * one space, with no format character (zero-width space, right-to-left override, ...) and at least
 * one visible character, so that it can neither be blank nor reorder what follows it.
 */
export function nameText({ label, max, required }: TextOptions) {
  const text = oneLine(label)
    .overwrite((value) => value.replace(/\p{Zs}+/gu, " "))
    .refine((value) => !hasFormatCharacter(value), {
      message: `${label} cannot contain invisible formatting characters, such as a zero-width space or a right-to-left override.`,
      ...reason("format_character"),
    })
    .refine((value) => value === "" || hasVisibleCharacter(value), {
      message: `${label} needs at least one visible letter, digit or symbol.`,
      ...reason("no_visible_character"),
    });
  return withBounds(text, { label, max, required });
}

/** What every text input starts as: NFC-normalised, trimmed, no control character. */
function oneLine(label: string) {
  return z
    .string({ message: `${label} must be text` })
    .overwrite((value) => value.normalize("NFC"))
    .trim()
    .refine((value) => !hasControlCharacter(value), {
      message: `${label} cannot contain control characters, such as a NUL byte or a line break.`,
      ...reason("control_character"),
    });
}

function withBounds(text: z.ZodString, { label, max, required }: TextOptions) {
  const bounded = text.max(max, `${label} is at most ${max} characters.`);
  return required ? bounded.refine((value) => value !== "", { message: required, ...reason("required") }) : bounded;
}

/**
 * An opaque position from a previous page. `valid` decodes it and checks every part; anything
 * else is `invalid_cursor`, never a query that fails in the database.
 */
export function cursorText(valid: (cursor: string) => boolean) {
  return z
    .string({ message: "cursor must come from a previous page" })
    .refine((cursor) => cursor.length <= 200 && !hasControlCharacter(cursor) && valid(cursor), {
      message: "cursor must come from a previous page",
      ...reason("invalid_cursor"),
    });
}
