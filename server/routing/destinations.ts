import type { TenantDb } from "../db/tenant";
import type { DestinationOption } from "../settings/destination";

/**
 * The account's destinations (extensions, departments, schedules), labelled for a list, in that
 * order and each by number or name. The tenant's own rows: row-level security admits no other.
 */
export async function listDestinations(db: TenantDb, accountId: string): Promise<DestinationOption[]> {
  const extensions = await db.extension.findMany({
    where: { accountId },
    orderBy: { number: "asc" },
    select: { id: true, number: true, name: true },
  });
  const departments = await db.department.findMany({
    where: { accountId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  const schedules = await db.schedule.findMany({
    where: { accountId },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
  return [
    ...extensions.map((row) => ({
      kind: "extension" as const,
      id: row.id,
      label: `Extension ${row.number} · ${row.name}`,
    })),
    ...departments.map((row) => ({ kind: "department" as const, id: row.id, label: `Department · ${row.name}` })),
    ...schedules.map((row) => ({ kind: "schedule" as const, id: row.id, label: `Schedule · ${row.name}` })),
  ];
}
