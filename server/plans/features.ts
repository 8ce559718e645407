import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

/**
 * The plan features of the Voki table, with what each one lets an account do. The plan's boolean
 * column of the same name says whether it has the feature.
 */
export const PLAN_FEATURES = {
  recording: { label: "Call recording", does: "record calls" },
  aiTranscription: { label: "AI transcription", does: "transcribe voicemail with AI" },
  advancedAnalytics: { label: "Advanced analytics", does: "see advanced analytics" },
} as const;
export type PlanFeature = keyof typeof PLAN_FEATURES;
export const PLAN_FEATURE_KEYS = Object.keys(PLAN_FEATURES) as PlanFeature[];

type PlanRow = { id: string; name: string; sortOrder: number } & Record<PlanFeature, boolean>;
const PLAN_COLUMNS = {
  id: true,
  name: true,
  sortOrder: true,
  recording: true,
  aiTranscription: true,
  advancedAnalytics: true,
} as const;

export type FeatureAvailability = {
  feature: PlanFeature;
  label: string;
  included: boolean;
  /** The cheapest plan that has it (the first in the platform's order); null when none does. */
  cheapestPlan: { id: string; name: string } | null;
};

async function planOf(db: TenantDb, accountId: string): Promise<PlanRow> {
  const account = await db.account.findFirst({ where: { id: accountId }, select: { plan: { select: PLAN_COLUMNS } } });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", "No such account."));
  return account.plan;
}

async function cheapestWith(db: TenantDb, feature: PlanFeature): Promise<{ id: string; name: string } | null> {
  return db.plan.findFirst({
    where: { [feature]: true },
    orderBy: { sortOrder: "asc" },
    select: { id: true, name: true },
  });
}

/** Which features the account's plan has, and for each it lacks the cheapest plan that has it. */
export async function featureAvailability(db: TenantDb, accountId: string): Promise<FeatureAvailability[]> {
  const plan = await planOf(db, accountId);
  const result: FeatureAvailability[] = [];
  for (const feature of PLAN_FEATURE_KEYS) {
    const included = plan[feature];
    result.push({
      feature,
      label: PLAN_FEATURES[feature].label,
      included,
      cheapestPlan: included ? null : await cheapestWith(db, feature),
    });
  }
  return result;
}

/** "AI transcription is not in the Starter plan; the Professional plan has it." */
export function planFeatureMessage(feature: PlanFeature, planName: string, cheapest: string | null): string {
  const { label } = PLAN_FEATURES[feature];
  return cheapest
    ? `${label} is not in the ${planName} plan; the ${cheapest} plan has it.`
    : `${label} is not in the ${planName} plan, nor in any other plan.`;
}

/**
 * THE ONE GATE of plan features: refuses (FORBIDDEN, `plan_feature`) what the account's plan does
 * not include, naming the cheapest plan that does. Every procedure of a feature calls it first.
 */
export async function requireFeature(
  db: TenantDb,
  accountId: string,
  feature: PlanFeature,
  field: string | null = null,
): Promise<void> {
  const plan = await planOf(db, accountId);
  if (plan[feature]) return;
  const cheapest = await cheapestWith(db, feature);
  throw new DomainError(
    "FORBIDDEN",
    problem("plan_feature", planFeatureMessage(feature, plan.name, cheapest?.name ?? null), field),
  );
}
