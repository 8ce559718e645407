import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";

/** Who acts: the signed-in user of the tenant, and from where. */
export type Actor = { accountId: string; userId: string; ip: string | null };

/**
 * Writes one audit entry into the acting tenant's log, inside the request's transaction, so the
 * entry and the change it records commit or roll back together.
 */
export async function recordAudit(
  db: TenantDb,
  actor: Actor,
  entry: { action: string; targetAccountId: string; details: Prisma.InputJsonObject },
): Promise<void> {
  await db.auditEntry.create({
    data: {
      accountId: actor.accountId,
      actorUserId: actor.userId,
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
