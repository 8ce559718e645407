import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { languageName, SUPPORTED_LANGUAGES } from "./languages";

function languagesInMigrations(): string[] {
  const dir = path.resolve("prisma/migrations");
  // The newest definition of is_supported_language wins.
  const definitions = readdirSync(dir)
    .sort()
    .map((name) => readFileSync(path.join(dir, name, "migration.sql"), "utf8"))
    .flatMap((sql) => [...sql.matchAll(/FUNCTION is_supported_language[\s\S]*?ARRAY\[([^\]]*)\]/g)]);
  const last = definitions.at(-1)?.[1];
  if (!last) throw new Error("no is_supported_language definition found in prisma/migrations");
  return last.split(",").map((code) => code.trim().replace(/^'|'$/g, ""));
}

describe("supported languages", () => {
  it("are 16 distinct codes", () => {
    const codes = SUPPORTED_LANGUAGES.map((language) => language.code);
    expect(codes).toHaveLength(16);
    expect(new Set(codes).size).toBe(16);
  });

  it("match the database's list exactly", () => {
    expect(languagesInMigrations()).toEqual(SUPPORTED_LANGUAGES.map((language) => language.code));
  });

  it("have names", () => {
    expect(languageName("fr")).toBe("French");
    expect(languageName("xx")).toBe("xx");
  });
});
