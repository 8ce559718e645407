import type { PrismaClient } from "../db/types";

/** The platform's plans in their order; plans are shared data, readable by every tenant. */
export function listPlans(db: Pick<PrismaClient, "plan">) {
  return db.plan.findMany({
    orderBy: { sortOrder: "asc" },
    select: { id: true, name: true, maxConcurrentCalls: true, maxUsers: true, maxDepartments: true },
  });
}
