import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prefixedSecretKind } from "./prefixed-secret";

describe("prefixedSecretKind", () => {
  const kind = prefixedSecretKind("vrk");

  it("makes `<tag>_<8>_<32>` keys whose stored hash is the SHA-256 of the whole text", () => {
    const made = kind.generate();
    expect(made.key).toMatch(/^vrk_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    expect(made.key.startsWith(`${made.prefix}_`)).toBe(true);
    expect(made.hash).toEqual(createHash("sha256").update(made.key).digest());
    expect(kind.generate().key).not.toBe(made.key);
  });

  it("knows its own shape and no other kind's", () => {
    const key = kind.generate().key;
    expect(kind.looksLike(key)).toBe(true);
    expect(prefixedSecretKind("vrs").looksLike(key)).toBe(false);
    expect(kind.looksLike(`${key}x`)).toBe(false);
    expect(kind.looksLike(key.replace(/_/g, "-"))).toBe(false);
  });
});
