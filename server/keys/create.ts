import { addYears } from "date-fns";
import { type Actor, recordAudit } from "../audit/record";
import { generateApiKey } from "../auth/api-key-secret";
import type { KeyScope } from "../auth/permissions";
import type { TenantDb } from "../db/tenant";
import { violationOf } from "../db/violation";
import { DomainError, problem } from "../domain-error";
import { withKeyLimit } from "./limit";
import { type ApiKeyListItem, findApiKey } from "./list";
import { personOfAccount } from "./person";
import { checkScopes } from "./scopes";

/** How far ahead a key may expire, at most. */
export const MAX_KEY_LIFETIME_YEARS = 1;

/** `expiresAt` when it is in the future and at most a year ahead of `now`; else its problem. */
export function checkExpiry(expiresAt: Date | null, now: Date): Date | null {
  if (expiresAt === null) return null;
  if (expiresAt.getTime() <= now.getTime()) {
    throw new DomainError("BAD_REQUEST", problem("expiry_in_past", "Choose an expiry in the future.", "expiresAt"));
  }
  if (expiresAt.getTime() > addYears(now, MAX_KEY_LIFETIME_YEARS).getTime()) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("expiry_too_far", "A key expires within a year at most; choose an earlier date.", "expiresAt"),
    );
  }
  return expiresAt;
}

/**
 * The database's own bound on the expiry (a year after the row's creation time), should its clock
 * run behind this server's: the same problem as the check above, not a failed request.
 */
async function withinAYear<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (violationOf(error)?.constraint !== "api_keys_expiry_within_a_year") throw error;
    throw new DomainError(
      "BAD_REQUEST",
      problem("expiry_too_far", "A key expires within a year at most; choose an earlier date.", "expiresAt"),
    );
  }
}

export type CreatedApiKey = { accountId: string; key: string; apiKey: ApiKeyListItem };

/**
 * A new key of the actor's account, made by a person of that account, with scopes they may grant
 * (`grantable`: their own permissions among those a key may hold). The full key is in the answer
 * and nowhere else: only its SHA-256 is stored, so it can never be shown again.
 */
export async function createApiKey(
  db: TenantDb,
  actor: Actor,
  grantable: readonly KeyScope[],
  input: { name: string; scopes: readonly string[]; expiresAt?: Date | null },
  now: Date = new Date(),
): Promise<CreatedApiKey> {
  const userId = personOfAccount(actor);
  const scopes = checkScopes(input.scopes, grantable);
  const expiresAt = checkExpiry(input.expiresAt ?? null, now);
  const secret = generateApiKey();
  const { id } = await withKeyLimit(() =>
    withinAYear(() =>
      db.apiKey.create({
        data: {
          accountId: actor.accountId,
          name: input.name,
          prefix: secret.prefix,
          secretHash: new Uint8Array(secret.hash),
          scopes,
          createdByUserId: userId,
          expiresAt,
        },
        select: { id: true },
      }),
    ),
  );
  await recordAudit(db, actor, {
    action: "api_key.created",
    targetAccountId: actor.accountId,
    // Never the key itself: its prefix says which one it is.
    details: {
      id,
      after: { name: input.name, prefix: secret.prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    },
  });
  const apiKey = await findApiKey(db, actor.accountId, id);
  if (!apiKey) throw new Error("a key just made is not readable in its own transaction");
  return { accountId: actor.accountId, key: secret.key, apiKey };
}
