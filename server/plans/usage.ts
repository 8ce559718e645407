import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

/** What the dashboard meters: the resources a customer adds, with the plan's limit where it has one. */
export const METERED = {
  users: { label: "Users" },
  extensions: { label: "Extensions" },
  numbers: { label: "Numbers" },
  departments: { label: "Departments" },
} as const;
export type MeteredResource = keyof typeof METERED;

export type Meter = {
  resource: MeteredResource;
  label: string;
  used: number;
  /** The plan's limit; null: the plan sets none. */
  limit: number | null;
};

/**
 * The account's usage against its plan, counted as the database's limit counts it (a user who is
 * not deactivated holds a seat, an open invitation too).
 */
export async function planUsage(
  db: TenantDb,
  accountId: string,
): Promise<{ plan: { id: string; name: string }; meters: Meter[] }> {
  const account = await db.account.findFirst({
    where: { id: accountId },
    select: { plan: { select: { id: true, name: true, maxUsers: true, maxDepartments: true } } },
  });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", "No such account."));
  const { plan } = account;
  const users = await db.user.count({ where: { accountId, status: { not: "deactivated" } } });
  const extensions = await db.extension.count({ where: { accountId } });
  const numbers = await db.phoneNumber.count({ where: { accountId } });
  const departments = await db.department.count({ where: { accountId } });
  const meter = (resource: MeteredResource, used: number, limit: number | null): Meter => ({
    resource,
    label: METERED[resource].label,
    used,
    limit,
  });
  return {
    plan: { id: plan.id, name: plan.name },
    meters: [
      meter("users", users, plan.maxUsers),
      meter("extensions", extensions, null),
      meter("numbers", numbers, null),
      meter("departments", departments, plan.maxDepartments),
    ],
  };
}
