import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";

/**
 * Who acts, and from where: a signed-in user (of `userAccountId`) making a request as the tenant
 * `accountId`. The two differ only while a reseller user has a descendant open ("open as").
 */
export type Actor = { accountId: string; userId: string; userAccountId: string; ip: string | null };

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
