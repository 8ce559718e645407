import { requireOwnOrBelow } from "../accounts/scope";
import type { CallDirection } from "../billing/rating";
import { walletCurrency } from "../billing/wallet";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";

export type CallView = {
  callId: string;
  direction: CallDirection;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date;
  durationSeconds: number;
  from: string;
  to: string;
  device: string | null;
  billedSeconds: number;
  /** What the account was charged for the call, at its parent's price. */
  chargedMinor: number;
};

export type CallPage = { currency: string; items: CallView[]; nextCursor: string | null };

type CallRow = {
  call_id: string;
  direction: CallDirection;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date;
  duration_seconds: number;
  from_number: string;
  to_number: string;
  device: string | null;
  billed_seconds: number;
  charged_minor: bigint;
};

/** `<started_at ISO>_<call id>`: the last call of a page, newest first. */
export function encodeCallCursor(call: { startedAt: Date; callId: string }): string {
  return `${call.startedAt.toISOString()}_${call.callId}`;
}

export function decodeCallCursor(cursor: string): { startedAt: Date; callId: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([\x21-\x7e]{1,128})$/.exec(cursor);
  if (!match?.[1] || !match[2]) return null;
  const startedAt = new Date(match[1]);
  return Number.isNaN(startedAt.getTime()) || startedAt.toISOString() !== match[1]
    ? null
    : { startedAt, callId: match[2] };
}

export const isCallCursor = (cursor: string) => decodeCallCursor(cursor) !== null;

/**
 * The calls of the tenant or of an account below it, newest first, `limit` at a time: filtered by
 * direction and by the days they started (`fromDay` to `toDay`, whole UTC days, both included),
 * and searched by number (digits found in the caller's or the called number, however typed).
 * The month partitions outside the days are never read (the range is on the partition key).
 */
export async function listCalls(
  db: TenantDb,
  tenantId: string,
  input: {
    accountId?: string;
    direction?: CallDirection;
    search?: string;
    fromDay?: string;
    toDay?: string;
    cursor?: string;
    limit: number;
  },
): Promise<CallPage> {
  const accountId = input.accountId ?? tenantId;
  await requireOwnOrBelow(db, tenantId, accountId);
  const after = input.cursor ? decodeCallCursor(input.cursor) : null;
  const digits = input.search?.replace(/\D/g, "") ?? "";
  const rows = await db.$queryRaw<CallRow[]>`
    SELECT call_id, direction, started_at, answered_at, ended_at, duration_seconds, from_number, to_number, device,
           billed_seconds, charged_minor
      FROM call_records
     WHERE account_id = ${accountId}::uuid
       ${input.direction ? Prisma.sql`AND direction = ${input.direction}` : Prisma.empty}
       ${input.fromDay ? Prisma.sql`AND started_at >= ${input.fromDay}::date::timestamp AT TIME ZONE 'UTC'` : Prisma.empty}
       ${input.toDay ? Prisma.sql`AND started_at < (${input.toDay}::date + 1)::timestamp AT TIME ZONE 'UTC'` : Prisma.empty}
       ${digits ? Prisma.sql`AND (strpos(from_number, ${digits}) > 0 OR strpos(to_number, ${digits}) > 0)` : Prisma.empty}
       ${after ? Prisma.sql`AND (started_at, call_id) < (${after.startedAt}, ${after.callId})` : Prisma.empty}
     ORDER BY started_at DESC, call_id DESC
     LIMIT ${input.limit + 1}`;
  const currency = await walletCurrency(db, accountId);
  const page = rows.slice(0, input.limit).map(
    (row): CallView => ({
      callId: row.call_id,
      direction: row.direction,
      startedAt: row.started_at,
      answeredAt: row.answered_at,
      endedAt: row.ended_at,
      durationSeconds: row.duration_seconds,
      from: row.from_number,
      to: row.to_number,
      device: row.device,
      billedSeconds: row.billed_seconds,
      chargedMinor: Number(row.charged_minor),
    }),
  );
  const last = page.at(-1);
  return {
    currency,
    items: page,
    nextCursor: rows.length > input.limit && last ? encodeCallCursor(last) : null,
  };
}
