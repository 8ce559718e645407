import type { TenantDb } from "../db/tenant";

/** Where a schedule can send calls: the account's extensions (by number) and departments (by name). */
export async function scheduleDestinationOptions(db: TenantDb, accountId: string) {
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
  return {
    accountId,
    destinations: [
      ...extensions.map((each) => ({
        kind: "extension" as const,
        id: each.id,
        label: `${each.number} · ${each.name}`,
      })),
      ...departments.map((each) => ({ kind: "department" as const, id: each.id, label: each.name })),
    ],
  };
}
