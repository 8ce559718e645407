/**
 * The text of an API key: `vrk_` and 8 characters people tell keys apart by (the prefix, kept and
 * shown), then `_` and 32 characters of secret (about 190 bits). Only the SHA-256 of the whole
 * text is stored: a key is found by that hash, so the database never holds anything that works.
 */
import { createHash } from "node:crypto";
import { randomBase62 } from "../crypto/base62";

const KEY_PATTERN = /^(vrk_[0-9A-Za-z]{8})_[0-9A-Za-z]{32}$/;

export type NewApiKeySecret = { key: string; prefix: string; hash: Buffer };

export function generateApiKey(): NewApiKeySecret {
  const prefix = `vrk_${randomBase62(8)}`;
  const key = `${prefix}_${randomBase62(32)}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** Whether a bearer credential has the shape of an API key (and so is never read as a JWT). */
export function looksLikeApiKey(credential: string): boolean {
  return KEY_PATTERN.test(credential);
}
