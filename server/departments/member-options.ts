import type { TenantDb } from "../db/tenant";

/**
 * The people who can be put in a department: the account's users who are not deactivated (an
 * invited user can be added before they accept), by name.
 */
export async function memberOptions(db: TenantDb, accountId: string) {
  const users = await db.user.findMany({
    where: { accountId, status: { not: "deactivated" } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, status: true },
  });
  return { accountId, users };
}
