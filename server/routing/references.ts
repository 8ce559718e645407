import type { TenantDb } from "../db/tenant";
import type { Violation } from "../db/violation";
import { type Problem, problem } from "../domain-error";

/** Something a call can be routed to, as numbers, schedules and the default destination name it. */
export type DestinationRef = { kind: "extension" | "department" | "schedule"; id: string };

/** What a table's foreign key is, in words, when it keeps a destination from being deleted. */
const REFERRERS: Record<string, string> = {
  schedules: "a schedule",
  numbers: "a number",
  accounts: "the account's default destination",
};

/**
 * The schedules that route to `destination` while open or closed, by name: what must change
 * before it can be deleted. (Numbers and the default destination are refused by their foreign
 * keys; inUseProblem names them from the refusal.)
 */
export async function referencesTo(db: TenantDb, accountId: string, destination: DestinationRef): Promise<string[]> {
  if (destination.kind === "schedule") return [];
  const id = destination.id;
  const routes =
    destination.kind === "extension"
      ? [{ openExtensionId: id }, { closedExtensionId: id }]
      : [{ openDepartmentId: id }, { closedDepartmentId: id }];
  const schedules = await db.schedule.findMany({
    where: { accountId, OR: routes },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return schedules.map((schedule) => `the schedule ${schedule.name}`);
}

/** "Front desk is still used by the schedule Office hours; route those elsewhere first." */
export function inUseProblem(name: string, users: readonly string[], violation?: Violation): Problem {
  const named =
    users.length > 0
      ? users.join(", ")
      : (REFERRERS[violation?.referencingTable ?? ""] ?? "a number, a schedule or the default destination");
  return problem("in_use", `${name} is still used by ${named}; route those elsewhere first, then delete it.`, null);
}
