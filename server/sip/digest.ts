import { createHash } from "node:crypto";
import { randomBase62 } from "../crypto/base62";

/** The digest algorithms a device's password is kept for: MD5 (RFC 2617) and SHA-256 (RFC 8760). */
export type DigestHa1 = { md5: string; sha256: string };

/** 24 base62 characters: about 143 bits from the system's CSPRNG, and nothing a phone's keypad or a provisioning file mangles. */
export const SIP_PASSWORD_LENGTH = 24;

/** A new SIP password. It is shown once and never stored: only digestHa1() of it is. */
export function generateSipPassword(): string {
  return randomBase62(SIP_PASSWORD_LENGTH);
}

/** HA1 = H(username ":" realm ":" password), in lowercase hex, for each algorithm. */
export function digestHa1(username: string, realm: string, password: string): DigestHa1 {
  const secret = `${username}:${realm}:${password}`;
  return {
    md5: createHash("md5").update(secret, "utf8").digest("hex"),
    sha256: createHash("sha256").update(secret, "utf8").digest("hex"),
  };
}
