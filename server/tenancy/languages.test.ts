import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { languageName, SUPPORTED_LANGUAGES } from "./languages";

const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations/", import.meta.url));
const INIT_MIGRATION = `${MIGRATIONS}20261123000000_init/migration.sql`;

/** Every `FUNCTION is_supported_language ... ARRAY['en','es',...]` in `sql`, as lists of codes. */
function languageArrays(sql: string): string[][] {
  return [...sql.matchAll(/FUNCTION\s+is_supported_language\b[\s\S]*?ARRAY\s*\[([^\]]*)\]/g)].map((match) =>
    (match[1] ?? "").split(",").map((item) => item.trim().replace(/^'(.*)'$/, "$1")),
  );
}

const codes = SUPPORTED_LANGUAGES.map((language) => language.code);

describe("SUPPORTED_LANGUAGES", () => {
  it("are 16 distinct two-letter codes, each with a name", () => {
    expect(codes).toHaveLength(16);
    expect(new Set(codes).size).toBe(16);
    for (const language of SUPPORTED_LANGUAGES) {
      expect(language.code).toMatch(/^[a-z]{2}$/);
      expect(language.name.length).toBeGreaterThan(0);
    }
    expect(new Set(SUPPORTED_LANGUAGES.map((language) => language.name)).size).toBe(16);
  });

  it("are the same list, in the same order, as the database's is_supported_language()", () => {
    const arrays = languageArrays(readFileSync(INIT_MIGRATION, "utf8"));
    expect(arrays).toHaveLength(1);
    expect(arrays[0]).toEqual(codes);
  });

  it("are not redefined differently by a later migration", () => {
    // A later `CREATE OR REPLACE FUNCTION is_supported_language` must carry the same list.
    const later = readdirSync(MIGRATIONS)
      .filter((name) => name > "20261123000000_init")
      .sort()
      .flatMap((name) => languageArrays(readFileSync(`${MIGRATIONS}${name}/migration.sql`, "utf8")));
    for (const array of later) expect(array).toEqual(codes);
  });
});

describe("languageName", () => {
  it.each([
    ["en", "English"],
    ["fr", "French"],
    ["zh", "Chinese"],
    ["no", "Norwegian"],
    ["xx", "xx"],
    ["EN", "EN"],
    ["", ""],
  ])("%j -> %j", (code, name) => {
    expect(languageName(code)).toBe(name);
  });
});
