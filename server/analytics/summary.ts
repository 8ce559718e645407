import type { TenantDb } from "../db/tenant";
import { requireFeature } from "../plans/features";

export type AnalyticsSummary = {
  users: { active: number; invited: number; deactivated: number };
  extensions: { total: number; withUser: number };
  departments: number;
  schedules: number;
  /** Changes recorded in the account's own log over the last 30 days, most frequent first. */
  changesLast30Days: { action: string; count: number }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Advanced analytics (a plan feature): counts of the account's phone system and of what changed
 * in it, read from its own tables. Refused where the plan lacks the feature.
 */
export async function analyticsSummary(db: TenantDb, accountId: string, now = new Date()): Promise<AnalyticsSummary> {
  await requireFeature(db, accountId, "advancedAnalytics");
  const byStatus = await db.user.groupBy({ by: ["status"], where: { accountId }, _count: { _all: true } });
  const count = (status: string) => byStatus.find((row) => row.status === status)?._count._all ?? 0;
  const extensions = await db.extension.count({ where: { accountId } });
  const withUser = await db.extension.count({ where: { accountId, userId: { not: null } } });
  const departments = await db.department.count({ where: { accountId } });
  const schedules = await db.schedule.count({ where: { accountId } });
  const changes = await db.auditEntry.groupBy({
    by: ["action"],
    where: { accountId, originAccountId: null, createdAt: { gte: new Date(now.getTime() - 30 * DAY_MS) } },
    _count: { _all: true },
  });
  return {
    users: { active: count("active"), invited: count("invited"), deactivated: count("deactivated") },
    extensions: { total: extensions, withUser },
    departments,
    schedules,
    changesLast30Days: changes
      .map((row) => ({ action: row.action, count: row._count._all }))
      .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
  };
}
