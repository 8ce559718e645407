/**
 * The text of a refresh token: `vrt_` and 48 characters of secret (about 285 bits). Opaque to
 * programs; only its SHA-256 is stored (refresh_tokens.token_hash), so the database never holds a
 * token that works.
 */
import { createHash } from "node:crypto";
import { randomBase62 } from "../crypto/base62";

export type NewRefreshToken = { token: string; hash: Buffer };

export function generateRefreshToken(): NewRefreshToken {
  const token = `vrt_${randomBase62(48)}`;
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}
