import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { LRUCache } from "lru-cache";

/**
 * Reads a session token as next-auth's `decode` does (next-auth/jwt: `dir` + A256GCM, the key
 * derived from the secret with HKDF-SHA256, 15 s of clock tolerance), with the key derived once
 * per secret instead of on every request: the derivation was about 5% of a signed-in API call's
 * CPU (docs/PERFORMANCE.md). next-auth still writes the tokens; session-token.test.ts checks that
 * what it writes, this reads, and what it would refuse, this refuses.
 */
const keys = new Map<string, Uint8Array>();

function keyOf(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    // next-auth's getDerivedEncryptionKey with its default (empty) salt.
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    keys.set(secret, key);
  }
  return key;
}

const CLOCK_TOLERANCE_SECONDS = 15;
/** How long a read token is remembered at most, whatever its expiry. */
const REMEMBER_MS = 5 * 60_000;

type Claims = Readonly<Record<string, unknown>>;

/**
 * Tokens already read, per secret: a browser sends the same cookie with every request, and its
 * decryption through WebCrypto was about a sixth of a signed-in call's CPU (docs/PERFORMANCE.md).
 * A token's claims are a function of the token and the secret alone, so a remembered answer is the
 * answer until the token expires, when jose would refuse it: a remembered token past its expiry is
 * read again (and refused). Each is kept five minutes at most, refused tokens not at all, and the
 * least recently used go first. The claims are frozen: no reader can change them for the next.
 */
const read = new Map<string, LRUCache<string, Claims>>();

function readTokensOf(secret: string): LRUCache<string, Claims> {
  let cache = read.get(secret);
  if (!cache) {
    cache = new LRUCache<string, Claims>({ max: 10_000 });
    read.set(secret, cache);
  }
  return cache;
}

/** The claims of a session token written by next-auth with `secret`; rejects any other token. */
export async function decodeSessionToken(token: string, secret: string): Promise<Claims> {
  const cache = readTokensOf(secret);
  const known = cache.get(token);
  if (known && validFor(known) > 0) return known;
  const { payload } = await jwtDecrypt(token, keyOf(secret), { clockTolerance: CLOCK_TOLERANCE_SECONDS });
  const claims: Claims = Object.freeze(payload);
  const ttl = Math.min(validFor(claims), REMEMBER_MS);
  if (ttl > 0) cache.set(token, claims, { ttl });
  return claims;
}

/** How many more milliseconds jose would accept a token with these claims. */
function validFor(claims: Claims): number {
  return typeof claims.exp === "number" ? (claims.exp + CLOCK_TOLERANCE_SECONDS) * 1000 - Date.now() : REMEMBER_MS;
}
