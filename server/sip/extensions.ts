import { containsPattern } from "../accounts/children";
import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { isForeignKeyViolation, isUniqueViolation } from "./db-errors";

/** Dialled inside the account: 2 to 6 digits, not starting with 0 (the table's own check). */
export const EXTENSION_NUMBER_PATTERN = /^[1-9][0-9]{1,5}$/;
export const EXTENSION_SEARCH_MAX = 80;

export type Extension = {
  id: string;
  number: string;
  name: string;
  userId: string | null;
  deviceCount: number;
  createdAt: Date;
  updatedAt: Date;
};

export type ExtensionPage = { accountId: string; items: Extension[]; nextCursor: string | null };

/** A page position is the number of the previous page's last extension. */
export function isExtensionsCursor(cursor: string): boolean {
  return EXTENSION_NUMBER_PATTERN.test(cursor);
}

export function extensionNotFound(field = "extensionId"): DomainError {
  return new DomainError("NOT_FOUND", problem("extension_not_found", "No such extension in this account.", field));
}

function extensionTaken(number: string): DomainError {
  return new DomainError(
    "CONFLICT",
    problem("extension_taken", `Extension ${number} exists already in this account; choose another number.`, "number"),
  );
}

type ExtensionRow = {
  id: string;
  number: string;
  name: string;
  user_id: string | null;
  device_count: number;
  created_at: Date;
  updated_at: Date;
};

function toExtension(row: ExtensionRow): Extension {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    userId: row.user_id,
    deviceCount: Number(row.device_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The account's extensions a page at a time, in dialling order (shorter numbers first, then by
 * number, which is numeric order as no number starts with 0), keyset on the unique number. `search`
 * matches the start of the number or any part of the name.
 */
export async function listExtensions(
  db: TenantDb,
  accountId: string,
  input: { search?: string; cursor?: string; limit: number },
): Promise<ExtensionPage> {
  const search = input.search
    ? Prisma.sql`AND (e.number LIKE ${`${containsPattern(input.search)}%`} OR e.name ILIKE ${`%${containsPattern(input.search)}%`})`
    : Prisma.empty;
  const after = input.cursor
    ? Prisma.sql`AND (length(e.number), e.number) > (${input.cursor.length}::integer, ${input.cursor})`
    : Prisma.empty;
  const rows = await db.$queryRaw<ExtensionRow[]>`
    SELECT e.id::text AS id, e.number, e.name, e.user_id::text AS user_id, e.created_at, e.updated_at,
           (SELECT count(*) FROM devices d WHERE d.account_id = e.account_id AND d.extension_id = e.id)::integer AS device_count
      FROM extensions e
     WHERE e.account_id = ${accountId}::uuid ${search} ${after}
     ORDER BY length(e.number), e.number
     LIMIT ${input.limit + 1}`;
  const page = rows.slice(0, input.limit).map(toExtension);
  return {
    accountId,
    items: page,
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.number ?? null) : null,
  };
}

/** One extension of the account, or extension_not_found (whether or not another account has it). */
export async function getExtension(db: TenantDb, accountId: string, extensionId: string): Promise<Extension> {
  const rows = await db.$queryRaw<ExtensionRow[]>`
    SELECT e.id::text AS id, e.number, e.name, e.user_id::text AS user_id, e.created_at, e.updated_at,
           (SELECT count(*) FROM devices d WHERE d.account_id = e.account_id AND d.extension_id = e.id)::integer AS device_count
      FROM extensions e
     WHERE e.account_id = ${accountId}::uuid AND e.id = ${extensionId}::uuid`;
  const [row] = rows;
  if (!row) throw extensionNotFound();
  return toExtension(row);
}

/** A user of the account, or user_not_found at `userId` (the composite foreign key is the backstop). */
async function requireUser(db: TenantDb, accountId: string, userId: string): Promise<void> {
  const user = await db.user.findFirst({ where: { accountId, id: userId }, select: { id: true } });
  if (!user) throw new DomainError("NOT_FOUND", problem("user_not_found", "No such user in this account.", "userId"));
}

export async function createExtension(
  db: TenantDb,
  actor: Actor,
  input: { number: string; name: string; userId?: string | null },
): Promise<Extension> {
  const accountId = actor.accountId;
  if (input.userId) await requireUser(db, accountId, input.userId);
  let id: string;
  try {
    ({ id } = await db.extension.create({
      data: { accountId, number: input.number, name: input.name, userId: input.userId ?? null },
      select: { id: true },
    }));
  } catch (error) {
    if (isUniqueViolation(error, "extensions_number_unique", ["account_id", "number"]))
      throw extensionTaken(input.number);
    throw error;
  }
  await recordAudit(db, actor, {
    action: "extension.created",
    targetAccountId: accountId,
    details: { after: { id, number: input.number, name: input.name, userId: input.userId ?? null } },
  });
  return getExtension(db, accountId, id);
}

export async function updateExtension(
  db: TenantDb,
  actor: Actor,
  input: { extensionId: string; number?: string; name?: string; userId?: string | null },
): Promise<Extension> {
  const accountId = actor.accountId;
  const before = await db.extension.findFirst({
    where: { accountId, id: input.extensionId },
    select: { number: true, name: true, userId: true },
  });
  if (!before) throw extensionNotFound();
  if (input.userId) await requireUser(db, accountId, input.userId);
  const change = changedFields(before, { number: input.number, name: input.name, userId: input.userId });
  if (Object.keys(change.after).length > 0) {
    try {
      await db.extension.updateMany({
        where: { accountId, id: input.extensionId },
        data: { number: input.number, name: input.name, userId: input.userId },
      });
    } catch (error) {
      if (isUniqueViolation(error, "extensions_number_unique", ["account_id", "number"]))
        throw extensionTaken(input.number ?? before.number);
      throw error;
    }
    await recordAudit(db, actor, {
      action: "extension.updated",
      targetAccountId: accountId,
      details: { id: input.extensionId, ...change },
    });
  }
  return getExtension(db, accountId, input.extensionId);
}

/**
 * Deletes an extension that nothing uses: refused while it has devices (named by count) or a
 * schedule, a number or the account's default routes to it. The foreign keys (all RESTRICT) are
 * the backstop for whatever routes to it that this does not name.
 */
export async function deleteExtension(
  db: TenantDb,
  actor: Actor,
  input: { extensionId: string },
): Promise<{ id: string }> {
  const accountId = actor.accountId;
  // Locked: a device or a route added meanwhile waits for this, or this for it.
  const [extension] = await db.$queryRaw<{ number: string; name: string; user_id: string | null }[]>`
    SELECT number, name, user_id::text AS user_id FROM extensions
     WHERE account_id = ${accountId}::uuid AND id = ${input.extensionId}::uuid FOR UPDATE`;
  if (!extension) throw extensionNotFound();
  const devices = await db.device.count({ where: { accountId, extensionId: input.extensionId } });
  if (devices > 0) {
    throw new DomainError(
      "CONFLICT",
      problem(
        "extension_has_devices",
        `Extension ${extension.number} has ${devices} ${devices === 1 ? "device" : "devices"}; delete ${devices === 1 ? "it" : "them"} first.`,
      ),
    );
  }
  const schedules = await db.schedule.findMany({
    where: {
      accountId,
      OR: [{ openExtensionId: input.extensionId }, { closedExtensionId: input.extensionId }],
    },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  if (schedules.length > 0)
    throw extensionRoutedTo(extension.number, `the schedule ${quoteList(schedules.map((s) => s.name))}`);
  try {
    await db.extension.deleteMany({ where: { accountId, id: input.extensionId } });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw extensionRoutedTo(extension.number, "a number or the account's default destination");
    throw error;
  }
  await recordAudit(db, actor, {
    action: "extension.deleted",
    targetAccountId: accountId,
    details: {
      before: { id: input.extensionId, number: extension.number, name: extension.name, userId: extension.user_id },
    },
  });
  return { id: input.extensionId };
}

function extensionRoutedTo(number: string, what: string): DomainError {
  return new DomainError(
    "CONFLICT",
    problem("extension_in_use", `Calls still go to extension ${number} from ${what}; route them elsewhere first.`),
  );
}

const quoteList = (names: string[]) => names.map((name) => `"${name}"`).join(", ");
