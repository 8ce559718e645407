import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type ApiKeyListItem, findApiKey } from "./list";
import { personOfAccount } from "./person";

/**
 * Revokes a key of the actor's account at once: the next request with it is refused
 * (`key_revoked`), whichever server it reaches, since every request looks the key up. Revoking a
 * key that is revoked already changes nothing and answers the key as it is (who revoked it first,
 * and when, stay as they were), so a retried request is harmless. Another account's key is
 * `key_not_found`, as one that does not exist.
 */
export async function revokeApiKey(db: TenantDb, actor: Actor, input: { keyId: string }): Promise<ApiKeyListItem> {
  const userId = personOfAccount(actor);
  const accountId = actor.accountId;
  // Only a live key changes: of two revocations at once, the second waits and finds it revoked.
  const changed = await db.apiKey.updateMany({
    where: { accountId, id: input.keyId, revokedAt: null },
    data: { revokedAt: new Date(), revokedByUserId: userId },
  });
  const apiKey = await findApiKey(db, accountId, input.keyId);
  if (!apiKey) {
    throw new DomainError("NOT_FOUND", problem("key_not_found", "No such API key in this account.", "keyId"));
  }
  if (changed.count > 0) {
    await recordAudit(db, actor, {
      action: "api_key.revoked",
      targetAccountId: accountId,
      // Which key, in the log's words; never the key itself.
      details: { id: apiKey.id, after: { name: apiKey.name, prefix: apiKey.prefix, status: "revoked" } },
    });
  }
  return apiKey;
}
