import type { PrismaClient } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { generateServiceKey } from "./service-key";

/**
 * Makes a service key for the voice platform, with the owner role's client: the whole key is
 * answered once and never stored (only its hash).
 */
export async function createServiceKey(owner: PrismaClient, name: string): Promise<{ key: string; prefix: string }> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || /\p{Cc}/u.test(trimmed)) {
    throw new DomainError("BAD_REQUEST", problem("invalid_name", "Name the key in 1 to 100 characters.", "name"));
  }
  const { key, prefix, hash } = generateServiceKey();
  await owner.platformServiceKey.create({ data: { name: trimmed, prefix, secretHash: new Uint8Array(hash) } });
  return { key, prefix };
}

/** Revokes a service key by its prefix; batches sent with it are refused from then on. */
export async function revokeServiceKey(owner: PrismaClient, prefix: string): Promise<void> {
  const { count } = await owner.platformServiceKey.updateMany({
    where: { prefix, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    throw new DomainError(
      "NOT_FOUND",
      problem("service_key_not_found", `No live service key has the prefix ${prefix}.`, "prefix"),
    );
  }
}

export function listServiceKeys(owner: PrismaClient) {
  return owner.platformServiceKey.findMany({
    select: { name: true, prefix: true, createdAt: true, revokedAt: true },
    orderBy: { createdAt: "asc" },
  });
}
