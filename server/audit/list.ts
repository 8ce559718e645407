import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";

export type AuditListEntry = {
  id: string;
  createdAt: Date;
  action: string;
  ip: string | null;
  /**
   * Who acted, and the account they belong to (names as they were when they acted): a user, or an
   * API key of that account (its name and visible prefix).
   */
  actor:
    | { kind: "user"; email: string; accountName: string }
    | { kind: "key"; name: string; prefix: string; accountName: string }
    | null;
  /** The account the user had open ("open as") when it differs from their own. */
  actingAs: { id: string; name: string } | null;
  target: { id: string; slug: string; name: string } | null;
  /** Always an object: recordAudit writes `{ before?, after?, ... }`. */
  details: Record<string, unknown>;
};

export type AuditPage = { items: AuditListEntry[]; nextCursor: string | null };

/** A page position: the last entry's time and id (entries are ordered newest first). */
export function encodeAuditCursor(entry: { createdAt: Date; id: string }): string {
  return `${entry.createdAt.toISOString()}_${entry.id}`;
}

const AUDIT_CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * A cursor's parts, or null unless it is exactly what `encodeAuditCursor` writes: a real instant
 * in its ISO form and an entry id. Nothing else may reach the query (the database would refuse a
 * malformed id with an error, not an answer).
 */
export function decodeAuditCursor(cursor: string): { createdAt: Date; id: string } | null {
  const match = AUDIT_CURSOR.exec(cursor);
  if (!match?.[1] || !match[2]) return null;
  const createdAt = new Date(match[1]);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== match[1]) return null;
  return { createdAt, id: match[2] };
}

/**
 * The tenant's audit entries, newest first: entries about the tenant and, rolled up, about every
 * account below it, optionally only one action or one account acted on
 * (the tenant itself or one below it). Null when that account is neither: the caller answers
 * NOT_FOUND.
 */
export async function listAuditEntries(
  db: TenantDb,
  input: { accountId: string; action?: string; targetAccountId?: string; cursor?: string; limit: number },
): Promise<AuditPage | null> {
  if (input.targetAccountId && input.targetAccountId !== input.accountId) {
    const below = await db.account.findFirst({
      where: { id: input.targetAccountId, ancestors: { has: input.accountId } },
      select: { id: true },
    });
    if (!below) return null;
  }
  const after = input.cursor ? decodeAuditCursor(input.cursor) : null;
  const rows = await db.auditEntry.findMany({
    where: {
      accountId: input.accountId,
      ...(input.action ? { action: input.action } : {}),
      ...(input.targetAccountId ? { targetAccountId: input.targetAccountId } : {}),
      ...(after
        ? {
            OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    include: {
      acting: { select: { id: true, name: true } },
      target: { select: { id: true, slug: true, name: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      action: row.action,
      ip: row.ip,
      actor: actorOf(row),
      actingAs: row.acting && row.actingAccountId !== row.actorAccountId ? row.acting : null,
      target: row.target,
      details: asObject(row.details),
    })),
    nextCursor: rows.length > input.limit && last ? encodeAuditCursor(last) : null,
  };
}

function actorOf(row: {
  actorEmail: string | null;
  actorKeyName: string | null;
  actorKeyPrefix: string | null;
  actorAccountName: string | null;
}): AuditListEntry["actor"] {
  if (!row.actorAccountName) return null;
  if (row.actorEmail) return { kind: "user", email: row.actorEmail, accountName: row.actorAccountName };
  if (row.actorKeyName && row.actorKeyPrefix) {
    return { kind: "key", name: row.actorKeyName, prefix: row.actorKeyPrefix, accountName: row.actorAccountName };
  }
  return null;
}

function asObject(value: Prisma.JsonValue): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}
