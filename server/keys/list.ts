/**
 * The account's API keys as people see them: never the secret (only its hash is stored), the
 * prefix that tells keys apart, what each may do, who made and revoked it, and its last use.
 */
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";

export type ApiKeyPerson = { id: string; name: string; email: string };

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: "active" | "expired" | "revoked";
  createdBy: ApiKeyPerson;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  revokedBy: ApiKeyPerson | null;
};

export type ApiKeyPage = { accountId: string; items: ApiKeyListItem[]; nextCursor: string | null };

type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: ApiKeyListItem["status"];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  last_used_ip: string | null;
  revoked_at: Date | null;
  created_by_id: string;
  created_by_name: string;
  created_by_email: string;
  revoked_by_id: string | null;
  revoked_by_name: string | null;
  revoked_by_email: string | null;
};

function toItem(row: ApiKeyRow): ApiKeyListItem {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    status: row.status,
    createdBy: { id: row.created_by_id, name: row.created_by_name, email: row.created_by_email },
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
    revokedAt: row.revoked_at,
    revokedBy:
      row.revoked_by_id && row.revoked_by_name !== null && row.revoked_by_email !== null
        ? { id: row.revoked_by_id, name: row.revoked_by_name, email: row.revoked_by_email }
        : null,
  };
}

function selectKeys(accountId: string, condition: Prisma.Sql, limit: number) {
  return Prisma.sql`
    SELECT k.id::text AS id, k.name, k.prefix, k.scopes, k.created_at, k.expires_at, k.last_used_at,
           k.last_used_ip, k.revoked_at,
           CASE WHEN k.revoked_at IS NOT NULL THEN 'revoked'
                WHEN k.expires_at IS NOT NULL AND k.expires_at <= now() THEN 'expired'
                ELSE 'active' END AS status,
           c.id::text AS created_by_id, c.name AS created_by_name, c.email AS created_by_email,
           r.id::text AS revoked_by_id, r.name AS revoked_by_name, r.email AS revoked_by_email
      FROM api_keys k
      JOIN users c ON c.account_id = k.account_id AND c.id = k.created_by_user_id
      LEFT JOIN users r ON r.account_id = k.account_id AND r.id = k.revoked_by_user_id
     WHERE k.account_id = ${accountId}::uuid ${condition}
     ORDER BY k.created_at DESC, k.id DESC
     LIMIT ${limit}`;
}

/**
 * The account's keys, newest first, a page at a time. The cursor is the previous page's last key:
 * its position is read from the row itself, so the order keeps the database's microseconds.
 */
export async function listApiKeys(
  db: TenantDb,
  accountId: string,
  input: { cursor?: string; limit: number },
): Promise<ApiKeyPage> {
  const after = input.cursor
    ? Prisma.sql`AND (k.created_at, k.id) < (SELECT p.created_at, p.id FROM api_keys p
                                              WHERE p.account_id = ${accountId}::uuid AND p.id = ${input.cursor}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<ApiKeyRow[]>(selectKeys(accountId, after, input.limit + 1));
  const items = rows.slice(0, input.limit).map(toItem);
  return {
    accountId,
    items,
    nextCursor: rows.length > input.limit ? (items[items.length - 1]?.id ?? null) : null,
  };
}

/** One key of the account as the list shows it, or null when the account has no such key. */
export async function findApiKey(db: TenantDb, accountId: string, keyId: string): Promise<ApiKeyListItem | null> {
  const rows = await db.$queryRaw<ApiKeyRow[]>(selectKeys(accountId, Prisma.sql`AND k.id = ${keyId}::uuid`, 1));
  const [row] = rows;
  return row ? toItem(row) : null;
}
