import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type Destination, extensionLabel } from "../routing/destinations";
import { loadEffectiveSettings } from "../tenancy/branding";
import { formatNumber } from "./format";

/** A number as its holder sees it: formatted for the holder's country, and where it routes (null: the account's default). */
export type AccountNumber = {
  id: string;
  e164: string;
  international: string;
  national: string | null;
  route: Destination | null;
};

/** A number of a reseller's pool: formatted for its holder's country, and who holds it (null: the reseller itself, free to assign). */
export type PoolNumber = {
  id: string;
  e164: string;
  international: string;
  national: string | null;
  holder: { id: string; slug: string; name: string } | null;
};

/** What a holder's number row is read with: its route's names, from the holder's own destinations. */
export const HELD_NUMBER_SELECT = {
  id: true,
  e164: true,
  routeExtension: { select: { id: true, number: true, name: true } },
  routeDepartment: { select: { id: true, name: true } },
  routeSchedule: { select: { id: true, name: true } },
} as const;

type HeldRow = {
  id: string;
  e164: string;
  routeExtension: { id: string; number: string; name: string } | null;
  routeDepartment: { id: string; name: string } | null;
  routeSchedule: { id: string; name: string } | null;
};

export function routeOf(row: HeldRow): Destination | null {
  if (row.routeExtension) {
    return { kind: "extension", id: row.routeExtension.id, label: extensionLabel(row.routeExtension) };
  }
  if (row.routeDepartment) return { kind: "department", id: row.routeDepartment.id, label: row.routeDepartment.name };
  if (row.routeSchedule) return { kind: "schedule", id: row.routeSchedule.id, label: row.routeSchedule.name };
  return null;
}

export function accountNumberOf(row: HeldRow, holderCountry: string): AccountNumber {
  return { id: row.id, e164: row.e164, ...formatNumber(row.e164, holderCountry), route: routeOf(row) };
}

export const POOL_NUMBER_SELECT = {
  id: true,
  e164: true,
  accountId: true,
  account: { select: { id: true, slug: true, name: true } },
} as const;

type PoolRow = { id: string; e164: string; accountId: string; account: { id: string; slug: string; name: string } };

/**
 * The pool's rows with each formatted for its holder's effective country (loaded once per holder).
 * A number the reseller itself holds has no holder: it is free.
 */
export async function poolNumbersOf(
  db: TenantDb,
  poolAccountId: string,
  rows: readonly PoolRow[],
): Promise<PoolNumber[]> {
  const countries = new Map<string, string>();
  for (const holder of new Set(rows.map((row) => row.accountId))) {
    countries.set(holder, await effectiveCountry(db, holder));
  }
  return rows.map((row) => ({
    id: row.id,
    e164: row.e164,
    ...formatNumber(row.e164, countries.get(row.accountId) ?? ""),
    holder: row.accountId === poolAccountId ? null : row.account,
  }));
}

export async function effectiveCountry(db: TenantDb, accountId: string): Promise<string> {
  return (await loadEffectiveSettings(db, accountId)).country.value;
}

export const NUMBER_NOT_FOUND = "No such number: it is neither yours nor in your pool.";

export function numberNotFound(field = "numberId"): DomainError {
  return new DomainError("NOT_FOUND", problem("number_not_found", NUMBER_NOT_FOUND, field));
}

/** A number the tenant holds, with its route; anything else answers NOT_FOUND. */
export async function getNumber(db: TenantDb, tenantId: string, numberId: string): Promise<AccountNumber> {
  const row = await db.phoneNumber.findFirst({
    where: { accountId: tenantId, id: numberId },
    select: HELD_NUMBER_SELECT,
  });
  if (!row) throw numberNotFound();
  return accountNumberOf(row, await effectiveCountry(db, tenantId));
}
