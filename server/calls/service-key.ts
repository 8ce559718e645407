/**
 * The voice platform's service keys: `vrs_` and 8 characters (the prefix, kept and shown), then
 * `_` and 32 characters of secret. Only the SHA-256 of the whole key is stored; the platform makes
 * and revokes them (`npm run db:service-key`), and only they may send call records.
 */
import { createHash } from "node:crypto";
import { randomBase62 } from "../crypto/base62";

const SERVICE_KEY = /^(vrs_[0-9A-Za-z]{8})_[0-9A-Za-z]{32}$/;

export function generateServiceKey(): { key: string; prefix: string; hash: Buffer } {
  const prefix = `vrs_${randomBase62(8)}`;
  const key = `${prefix}_${randomBase62(32)}`;
  return { key, prefix, hash: hashServiceKey(key) };
}

export function hashServiceKey(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** Whether a bearer credential has a service key's shape (anything else is refused unread). */
export function looksLikeServiceKey(credential: string): boolean {
  return SERVICE_KEY.test(credential);
}
