import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";

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

/** The claims of a session token written by next-auth with `secret`; rejects any other token. */
export async function decodeSessionToken(token: string, secret: string): Promise<Record<string, unknown>> {
  const { payload } = await jwtDecrypt(token, keyOf(secret), { clockTolerance: 15 });
  return payload;
}
