/**
 * Script rules for the labels of international host names, after Unicode TS #39 (security
 * mechanisms), kept small on purpose:
 * - letters only from the scripts TS #39 recommends for identifiers (no historic or limited-use
 *   scripts), plus digits, hyphens and combining marks; no symbols or emoji;
 * - one script per label, except that Chinese, Japanese and Korean labels may mix Han with their
 *   own syllabaries (Hiragana and Katakana; Bopomofo; Hangul): `pаypal` with a Cyrillic `а` is
 *   refused;
 * - no label with non-ASCII letters that all look like Latin ones (whole-script confusable with
 *   ASCII): Cyrillic `асме` reads as `acme`. That one rule stops every homograph of an ASCII name,
 *   whoever holds that name, without looking at (or revealing) other tenants' names. As in
 *   Chromium's IDN policy, it does not apply under a top-level domain of the label's own script:
 *   `кот.рф` is a Russian name among Russian ones, `кот.com` imitates `kot.com`.
 * Pure: table-tested in hostname.test.ts.
 */
import type { HostnameProblem } from "./hostname";

/** TS #39 Table 5, Recommended Scripts (Common and Inherited are every script's). */
const RECOMMENDED_SCRIPTS = [
  "Latin",
  "Arabic",
  "Armenian",
  "Bengali",
  "Bopomofo",
  "Cyrillic",
  "Devanagari",
  "Ethiopic",
  "Georgian",
  "Greek",
  "Gujarati",
  "Gurmukhi",
  "Han",
  "Hangul",
  "Hebrew",
  "Hiragana",
  "Kannada",
  "Katakana",
  "Khmer",
  "Lao",
  "Malayalam",
  "Myanmar",
  "Oriya",
  "Sinhala",
  "Tamil",
  "Telugu",
  "Thaana",
  "Thai",
  "Tibetan",
] as const;
type Script = (typeof RECOMMENDED_SCRIPTS)[number];

const SCRIPT_PATTERNS = RECOMMENDED_SCRIPTS.map(
  (script) => [script, new RegExp(`^\\p{Script=${script}}$`, "u")] as const,
);
const SHARED = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/** Scripts that one label may mix (TS #39 "highly restrictive", without Latin). */
const MIXABLE: readonly (readonly Script[])[] = [
  ["Han", "Hiragana", "Katakana"],
  ["Han", "Bopomofo"],
  ["Han", "Hangul"],
];

/**
 * Letters of other scripts that look like Latin letters, from Unicode's confusables.txt (the
 * lower-case letters that survive IDNA mapping). A subset: Cyrillic, Greek, Armenian and Latin
 * lookalikes of ASCII letters, which is what homograph attacks on Latin names use.
 */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  в: "b",
  с: "c",
  ԁ: "d",
  е: "e",
  һ: "h",
  і: "i",
  ј: "j",
  к: "k",
  ӏ: "l",
  м: "m",
  п: "n",
  о: "o",
  р: "p",
  ԛ: "q",
  ѕ: "s",
  т: "t",
  ѵ: "v",
  ԝ: "w",
  х: "x",
  у: "y",
  ү: "y",
  // Greek
  α: "a",
  ϲ: "c",
  ι: "i",
  ϳ: "j",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  γ: "y",
  // Armenian
  ց: "g",
  հ: "h",
  ո: "n",
  օ: "o",
  զ: "q",
  ս: "u",
  ա: "w",
  // Latin letters that imitate other Latin letters
  ı: "i",
  ȷ: "j",
  ɑ: "a",
  ɡ: "g",
  ɩ: "i",
};

function scriptOf(char: string): Script | "shared" | null {
  if (SHARED.test(char)) return "shared";
  for (const [script, pattern] of SCRIPT_PATTERNS) if (pattern.test(char)) return script;
  return null;
}

const SCRIPT_NAME = (script: Script) => script.replace(/_/g, " ");

/** What `label` (in its Unicode form, already valid IDNA) reads as with lookalikes replaced. */
export function latinSkeleton(label: string): string {
  return Array.from(label.normalize("NFD"), (char) => LATIN_LOOKALIKES[char] ?? char).join("");
}

/** The scripts of `label`'s letters (digits, hyphens and marks belong to every script). */
export function scriptsOf(label: string): Set<Script | null> {
  const scripts = new Set<Script | null>();
  for (const char of label) {
    const script = scriptOf(char);
    if (script !== "shared") scripts.add(script);
  }
  return scripts;
}

/**
 * Why `label` (Unicode form, valid IDNA) breaks the script rules, or null. ASCII labels pass.
 * `topLevel` is the host name's last label (Unicode form): see the confusable rule above.
 */
export function labelScriptProblem(label: string, topLevel: string): HostnameProblem | null {
  if (/^[\x20-\x7e]*$/.test(label)) return null;
  const scripts = new Set<Script>();
  for (const char of label) {
    if (char === "-") continue;
    if (!/^[\p{L}\p{M}\p{Nd}]$/u.test(char)) {
      return {
        reason: "hostname_symbol",
        message: `"${label}" contains "${char}": a host name has letters, digits and hyphens only.`,
      };
    }
    const script = scriptOf(char);
    if (script === null) {
      return {
        reason: "hostname_script",
        message: `"${label}" contains "${char}", from a script that host names here do not accept.`,
      };
    }
    if (script !== "shared") scripts.add(script);
  }
  const mixed = [...scripts];
  if (mixed.length > 1 && !MIXABLE.some((allowed) => mixed.every((script) => allowed.includes(script)))) {
    return {
      reason: "hostname_mixed_script",
      message: `"${label}" mixes ${mixed.map(SCRIPT_NAME).join(" and ")} letters; use one alphabet per label.`,
    };
  }
  const skeleton = latinSkeleton(label);
  const topLevelScripts = scriptsOf(topLevel);
  const amongItsOwn = mixed.length === 1 && mixed[0] !== "Latin" && topLevelScripts.has(mixed[0] ?? null);
  if (!amongItsOwn && /^[a-z0-9-]+$/.test(skeleton)) {
    return {
      reason: "hostname_confusable",
      message: `"${label}" can be mistaken for "${skeleton}": its letters look like Latin ones. Choose a name that cannot be mistaken for another.`,
    };
  }
  return null;
}
