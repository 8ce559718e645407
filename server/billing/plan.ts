import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type Meter, planUsage } from "../plans/usage";

export type PlanView = {
  accountId: string;
  plan: {
    id: string;
    name: string;
    /** null: the plan sets no limit. */
    limits: { concurrentCalls: number | null; users: number | null; departments: number | null };
    features: { recording: boolean; aiTranscription: boolean; advancedAnalytics: boolean };
  };
  /** Each resource the plan limits or the account adds, with its use now. */
  usage: Meter[];
  /** Calls the account paid for this month (UTC), its own and those below it, and their minutes. */
  thisMonth: { calls: number; minutes: number };
};

/**
 * The account's plan, its limits and the account's use of each (the Voki document's
 * `GET /api/v1/billing/plan`). Concurrent calls are a limit the voice platform enforces at call
 * time; the portal holds no live call count, so only the limit is given.
 */
export async function currentPlan(db: TenantDb, accountId: string, now = new Date()): Promise<PlanView> {
  const account = await db.account.findFirst({ where: { id: accountId }, select: { plan: true } });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", "No such account."));
  const { plan } = account;
  const { meters } = await planUsage(db, accountId);
  const monthStart = `${now.toISOString().slice(0, 7)}-01`;
  const [month] = await db.$queryRaw<{ calls: bigint; seconds: bigint }[]>`
    SELECT coalesce(sum(calls), 0)::bigint AS calls, coalesce(sum(seconds), 0)::bigint AS seconds
      FROM usage_daily WHERE account_id = ${accountId}::uuid AND day >= ${monthStart}::date`;
  return {
    accountId,
    plan: {
      id: plan.id,
      name: plan.name,
      limits: { concurrentCalls: plan.maxConcurrentCalls, users: plan.maxUsers, departments: plan.maxDepartments },
      features: {
        recording: plan.recording,
        aiTranscription: plan.aiTranscription,
        advancedAnalytics: plan.advancedAnalytics,
      },
    },
    usage: meters,
    thisMonth: { calls: Number(month?.calls ?? 0), minutes: Math.round(Number(month?.seconds ?? 0) / 60) },
  };
}
