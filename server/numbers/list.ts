import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { parseNumber } from "./format";
import {
  type AccountNumber,
  accountNumberOf,
  effectiveCountry,
  HELD_NUMBER_SELECT,
  POOL_NUMBER_SELECT,
  type PoolNumber,
  poolNumbersOf,
} from "./numbers";

export type NumbersView = "account" | "pool";

export type ListNumbersInput = { view: NumbersView; search?: string; cursor?: string; limit: number };

export type NumbersPage =
  | { view: "account"; items: AccountNumber[]; nextCursor: string | null }
  | { view: "pool"; items: PoolNumber[]; nextCursor: string | null };

/**
 * A page of numbers in E.164 order, after `cursor` (the last number of the previous page):
 * - `account`: the numbers the tenant holds, with where each routes;
 * - `pool` (resellers only): every number of the tenant's pool, held by itself (free) or by an
 *   account below it (named).
 * `search` matches a number however it is typed (international, national for the tenant's country,
 * or some of its digits) and, in the pool, the holder's name.
 */
export async function listNumbers(db: TenantDb, tenantId: string, input: ListNumbersInput): Promise<NumbersPage> {
  const country = await effectiveCountry(db, tenantId);
  const search = input.search ? searchFilter(input.search, country, input.view) : {};
  const after = input.cursor ? { e164: { gt: input.cursor } } : {};
  const take = input.limit + 1;

  if (input.view === "account") {
    const rows = await db.phoneNumber.findMany({
      where: { accountId: tenantId, ...after, AND: [search] },
      select: HELD_NUMBER_SELECT,
      orderBy: { e164: "asc" },
      take,
    });
    const page = rows.slice(0, input.limit);
    return {
      view: "account",
      items: page.map((row) => accountNumberOf(row, country)),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.e164 ?? null) : null,
    };
  }

  const self = await db.account.findFirst({ where: { id: tenantId }, select: { isReseller: true } });
  if (!self?.isReseller) {
    throw new DomainError(
      "FORBIDDEN",
      problem("not_a_reseller", "Only reseller accounts have a pool of numbers.", "view"),
    );
  }
  const rows = await db.phoneNumber.findMany({
    where: { poolAccountId: tenantId, ...after, AND: [search] },
    select: POOL_NUMBER_SELECT,
    orderBy: { e164: "asc" },
    take,
  });
  const page = rows.slice(0, input.limit);
  return {
    view: "pool",
    items: await poolNumbersOf(db, tenantId, page),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.e164 ?? null) : null,
  };
}

function searchFilter(search: string, country: string, view: NumbersView): Prisma.PhoneNumberWhereInput {
  const either: Prisma.PhoneNumberWhereInput[] = [];
  const parsed = parseNumber(search, country, null);
  if (parsed.ok) either.push({ e164: parsed.e164 });
  // Some digits of the number: a national prefix typed in front of them is not part of the E.164 form.
  const digits = search.replace(/\D/g, "").replace(/^0+/, "");
  if (digits) either.push({ e164: { contains: digits } });
  if (view === "pool") either.push({ account: { name: { contains: search, mode: "insensitive" } } });
  return either.length > 0 ? { OR: either } : { id: { in: [] } };
}
