import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import type { DestinationKind } from "../routing/destinations";
import {
  type AccountNumber,
  accountNumberOf,
  effectiveCountry,
  HELD_NUMBER_SELECT,
  numberNotFound,
  routeOf,
} from "./numbers";

export type RouteNumberInput = { numberId: string; destination: { kind: DestinationKind; id: string } | null };

/**
 * Routes a number the tenant holds to one of its own destinations, or (null) back to the account's
 * default destination. Which destinations are the tenant's is the database's to say: the route
 * columns are composite foreign keys (account_id, destination id), so another tenant's extension,
 * department or schedule is refused there, whatever this code believes; that refusal answers
 * `destination_not_found`.
 */
export async function routeNumber(db: TenantDb, actor: Actor, input: RouteNumberInput): Promise<AccountNumber> {
  const holder = actor.accountId;
  const before = await db.phoneNumber.findFirst({
    where: { accountId: holder, id: input.numberId },
    select: HELD_NUMBER_SELECT,
  });
  if (!before) throw numberNotFound();
  const { destination } = input;
  try {
    await db.phoneNumber.updateMany({
      where: { accountId: holder, id: before.id },
      data: {
        routeExtensionId: destination?.kind === "extension" ? destination.id : null,
        routeDepartmentId: destination?.kind === "department" ? destination.id : null,
        routeScheduleId: destination?.kind === "schedule" ? destination.id : null,
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003" && destination) {
      throw new DomainError(
        "NOT_FOUND",
        problem("destination_not_found", `Your account has no such ${destination.kind}.`, "destination.id"),
      );
    }
    throw error;
  }
  const after = await db.phoneNumber.findFirstOrThrow({
    where: { accountId: holder, id: before.id },
    select: HELD_NUMBER_SELECT,
  });
  const label = (route: ReturnType<typeof routeOf>) =>
    route ? { kind: route.kind, id: route.id, label: route.label } : null;
  await recordAudit(db, actor, {
    action: "number.routed",
    targetAccountId: holder,
    details: {
      number: before.e164,
      before: { route: label(routeOf(before)) },
      after: { route: label(routeOf(after)) },
    },
  });
  return accountNumberOf(after, await effectiveCountry(db, holder));
}
