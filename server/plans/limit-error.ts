import { z } from "zod";
import { DomainError, problem } from "../domain-error";

/** The SQLSTATE app_enforce_plan_limit() raises (migration 20261130000000). */
const PLAN_LIMIT_SQLSTATE = "PL001";

const LimitDetail = z.object({
  resource: z.enum(["users", "departments"]),
  limit: z.number().int(),
  plan: z.string(),
  planId: z.string(),
});
export type PlanLimitDetail = z.infer<typeof LimitDetail>;

const NOUNS: Record<PlanLimitDetail["resource"], [one: string, many: string]> = {
  users: ["user", "users"],
  departments: ["department", "departments"],
};

/** "The Starter plan allows 5 users; upgrade the plan for more." */
export function planLimitMessage(detail: PlanLimitDetail): string {
  const [one, many] = NOUNS[detail.resource];
  return `The ${detail.plan} plan allows ${detail.limit} ${detail.limit === 1 ? one : many}; upgrade the plan for more.`;
}

/**
 * The database's refusal of a write over a plan limit, wherever the driver put it: Prisma wraps
 * the adapter's error, which carries PostgreSQL's code and detail in its `cause`.
 */
export function planLimitDetailOf(error: unknown): PlanLimitDetail | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as { originalCode?: unknown; detail?: unknown; cause?: unknown; meta?: unknown };
    if (candidate.originalCode === PLAN_LIMIT_SQLSTATE && typeof candidate.detail === "string") {
      const parsed = LimitDetail.safeParse(JSON.parse(candidate.detail));
      return parsed.success ? parsed.data : null;
    }
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}

/**
 * Runs `work` and turns the database's plan-limit refusal into the `plan_limit` problem (FORBIDDEN:
 * the request is well-formed, the plan does not allow it). Wrap the whole tenant transaction or a
 * single write; other errors pass through untouched.
 */
export async function withPlanLimits<T>(work: () => Promise<T>, field: string | null = null): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const detail = planLimitDetailOf(error);
    if (!detail) throw error;
    throw new DomainError("FORBIDDEN", problem("plan_limit", planLimitMessage(detail), field));
  }
}
