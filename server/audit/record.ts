import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";

/**
 * Who acts, and from where: a user (`userId`) or an API key (`keyId`) of the account
 * `userAccountId`, making a request as the tenant `accountId`. The two accounts differ only while a
 * reseller user acts for an account below ("open as", an act-as token).
 */
export type Actor = {
  accountId: string;
  userAccountId: string;
  userId: string | null;
  keyId?: string | null;
  ip: string | null;
};

/**
 * Writes one audit entry, inside the request's transaction, so the entry and the change it records
 * commit or roll back together. The entry goes to the log of the account acted on; the database
 * copies it to the logs of that account's ancestors and fills in the actor's name as it is now.
 */
export async function recordAudit(
  db: TenantDb,
  actor: Actor,
  entry: { action: string; targetAccountId: string; details: Prisma.InputJsonObject },
): Promise<void> {
  // createMany, not create: create reads the row back, and an entry written to an account below
  // the tenant is one the tenant's read policy does not return.
  await db.auditEntry.createMany({
    data: {
      accountId: entry.targetAccountId,
      actorUserId: actor.userId,
      actorKeyId: actor.keyId ?? null,
      actorAccountId: actor.userAccountId,
      actingAccountId: actor.accountId,
      ip: actor.ip,
      action: entry.action,
      targetAccountId: entry.targetAccountId,
      details: entry.details,
    },
  });
}

/** The fields whose values differ, as before/after pairs. */
export function changedFields<T extends Record<string, Prisma.InputJsonValue | null>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const keys = (Object.keys(after) as (keyof T)[]).filter(
    (key) => after[key] !== undefined && after[key] !== before[key],
  );
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])) as Partial<T>,
    after: Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<T>,
  };
}
