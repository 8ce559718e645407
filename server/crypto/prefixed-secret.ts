/**
 * Secrets that say what they are: `<tag>_` and 8 characters people tell them apart by (the prefix,
 * kept and shown), then `_` and 32 characters of secret (about 190 bits). Only the SHA-256 of the
 * whole text is stored: a secret is found by that hash, so the database never holds one that works.
 * API keys (`vrk`) and the voice platform's service keys (`vrs`) are made this way.
 */
import { createHash } from "node:crypto";
import { randomBase62 } from "./base62";

export type NewPrefixedSecret = { key: string; prefix: string; hash: Buffer };

export type PrefixedSecretKind = {
  generate(): NewPrefixedSecret;
  hash(key: string): Buffer;
  /** Whether a credential has this kind's shape: anything else is refused unread. */
  looksLike(credential: string): boolean;
};

export function prefixedSecretKind(tag: string): PrefixedSecretKind {
  const shape = new RegExp(`^${tag}_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$`);
  const hash = (key: string) => createHash("sha256").update(key, "utf8").digest();
  return {
    generate() {
      const prefix = `${tag}_${randomBase62(8)}`;
      const key = `${prefix}_${randomBase62(32)}`;
      return { key, prefix, hash: hash(key) };
    },
    hash,
    looksLike: (credential) => shape.test(credential),
  };
}
