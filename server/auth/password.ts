import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults are argon2id, m=19456 KiB, t=2, p=1: the OWASP minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies `password` against `passwordHash`, or against a dummy hash when there is no user, so
 * that an unknown email takes as long as a wrong password.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  dummyHash ??= hash("dummy password, never matches a real sign-in");
  const target = passwordHash ?? (await dummyHash);
  const matches = await verify(target, password);
  return passwordHash !== null && matches;
}
