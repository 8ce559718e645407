import type { TenantDb } from "../db/tenant";

/** Where a call can go inside an account. Schedules route on only to extensions and departments. */
export const DESTINATION_KINDS = ["extension", "department", "schedule"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** A destination as pickers and lists show it: "1002 · Front desk", "Sales", "Opening hours". */
export type Destination = { kind: DestinationKind; id: string; label: string };

export const DESTINATION_KIND_LABEL: Record<DestinationKind, string> = {
  extension: "Extension",
  department: "Department",
  schedule: "Schedule",
};

export function extensionLabel(extension: { number: string; name: string }): string {
  return `${extension.number} · ${extension.name}`;
}

/**
 * Every destination of `accountId`: its extensions by number, then its departments and schedules by
 * name. `db` is scoped to the tenant, and each query names the account too (RLS is the backstop).
 */
export async function listDestinations(db: TenantDb, accountId: string): Promise<Destination[]> {
  // One after another: a tenant transaction is one connection.
  const extensions = await db.extension.findMany({
    where: { accountId },
    select: { id: true, number: true, name: true },
    orderBy: { number: "asc" },
  });
  const departments = await db.department.findMany({
    where: { accountId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const schedules = await db.schedule.findMany({
    where: { accountId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return [
    ...extensions.map((extension) => ({
      kind: "extension" as const,
      id: extension.id,
      label: extensionLabel(extension),
    })),
    ...departments.map((department) => ({ kind: "department" as const, id: department.id, label: department.name })),
    ...schedules.map((schedule) => ({ kind: "schedule" as const, id: schedule.id, label: schedule.name })),
  ];
}
