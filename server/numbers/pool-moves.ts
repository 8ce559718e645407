import { requireBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { numberNotFound, POOL_NUMBER_SELECT, type PoolNumber, poolNumbersOf } from "./numbers";

/** The route a number loses when it moves, as the audit log keeps it (the names are the old holder's). */
const ROUTE_COLUMNS = { routeExtensionId: true, routeDepartmentId: true, routeScheduleId: true } as const;
const NO_ROUTE = { routeExtensionId: null, routeDepartmentId: null, routeScheduleId: null } as const;

type RouteColumns = {
  routeExtensionId: string | null;
  routeDepartmentId: string | null;
  routeScheduleId: string | null;
};

function routeIds(row: RouteColumns): { kind: string; id: string } | null {
  if (row.routeExtensionId) return { kind: "extension", id: row.routeExtensionId };
  if (row.routeDepartmentId) return { kind: "department", id: row.routeDepartmentId };
  if (row.routeScheduleId) return { kind: "schedule", id: row.routeScheduleId };
  return null;
}

/** A number of the tenant's pool, wherever it is held; anything else answers NOT_FOUND. */
async function requirePoolNumber(db: TenantDb, tenantId: string, numberId: string) {
  const row = await db.phoneNumber.findFirst({
    where: { poolAccountId: tenantId, id: numberId },
    select: { ...POOL_NUMBER_SELECT, ...ROUTE_COLUMNS },
  });
  if (!row) throw numberNotFound();
  return row;
}

/**
 * Gives a free number of the reseller's pool to an account below it. The number's route (a
 * destination of the reseller) is cleared in the same statement: the new holder routes it. A number
 * held by another account stays there until the reseller takes it back; assigning it again to its
 * holder changes nothing.
 */
export async function assignNumber(
  db: TenantDb,
  actor: Actor,
  input: { numberId: string; accountId: string },
): Promise<PoolNumber> {
  const reseller = actor.accountId;
  const target = await requireBelow(db, reseller, input.accountId);
  if (target.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${target.name} is closed; a closed account gets no numbers.`, "accountId"),
    );
  }
  const number = await requirePoolNumber(db, reseller, input.numberId);
  if (number.accountId === target.id) return (await poolNumbersOf(db, reseller, [number]))[0] as PoolNumber;
  if (number.accountId !== reseller) throw assignedElsewhere(number.e164, number.account.name);

  // Only while the reseller still holds it: of two assignments at once, the second finds no row.
  const moved = await db.phoneNumber.updateMany({
    where: { accountId: reseller, poolAccountId: reseller, id: number.id },
    data: { accountId: target.id, ...NO_ROUTE },
  });
  if (moved.count !== 1) {
    const now = await requirePoolNumber(db, reseller, input.numberId);
    throw assignedElsewhere(number.e164, now.account.name);
  }
  await recordAudit(db, actor, {
    action: "number.assigned",
    targetAccountId: target.id,
    details: {
      number: number.e164,
      before: { holder: number.account.name, route: routeIds(number) },
      after: { holder: target.name, route: null },
    },
  });
  return readPoolNumber(db, reseller, number.id);
}

/**
 * Brings a number of the reseller's pool back from the account below that holds it. Its route (a
 * destination of that account) is cleared in the same statement. A number the reseller holds
 * already is left as it is.
 */
export async function takeBackNumber(db: TenantDb, actor: Actor, input: { numberId: string }): Promise<PoolNumber> {
  const reseller = actor.accountId;
  const number = await requirePoolNumber(db, reseller, input.numberId);
  if (number.accountId === reseller) return (await poolNumbersOf(db, reseller, [number]))[0] as PoolNumber;

  const moved = await db.phoneNumber.updateMany({
    where: { accountId: number.accountId, poolAccountId: reseller, id: number.id },
    data: { accountId: reseller, ...NO_ROUTE },
  });
  // Taken back (or moved) meanwhile by another request of the reseller: say how it is now.
  if (moved.count !== 1) return readPoolNumber(db, reseller, number.id);
  await recordAudit(db, actor, {
    action: "number.taken_back",
    targetAccountId: number.accountId,
    details: {
      number: number.e164,
      before: { holder: number.account.name, route: routeIds(number) },
      after: { holder: null, route: null },
    },
  });
  return readPoolNumber(db, reseller, number.id);
}

async function readPoolNumber(db: TenantDb, reseller: string, numberId: string): Promise<PoolNumber> {
  const row = await requirePoolNumber(db, reseller, numberId);
  return (await poolNumbersOf(db, reseller, [row]))[0] as PoolNumber;
}

function assignedElsewhere(e164: string, holder: string): DomainError {
  return new DomainError(
    "CONFLICT",
    problem("number_assigned", `${e164} is assigned to ${holder}. Take it back first.`, "numberId"),
  );
}
