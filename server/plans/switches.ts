import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type PlanFeature, requireFeature } from "./features";

/** The account's own switches for plan features, and the feature each needs. */
export const FEATURE_SWITCHES = {
  callRecording: { feature: "recording", label: "Call recording" },
  voicemailTranscription: { feature: "aiTranscription", label: "AI transcription of voicemail" },
} as const satisfies Record<string, { feature: PlanFeature; label: string }>;
export type FeatureSwitch = keyof typeof FEATURE_SWITCHES;

export type FeatureSwitches = Record<FeatureSwitch, boolean>;

export async function getFeatureSwitches(db: TenantDb, accountId: string): Promise<FeatureSwitches> {
  const account = await db.account.findFirst({
    where: { id: accountId },
    select: { callRecording: true, voicemailTranscription: true },
  });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", "No such account."));
  return account;
}

/**
 * Switches a plan feature on or off for the tenant's own account. On is refused where the plan
 * lacks the feature (requireFeature); off is always allowed. Audited when it changes.
 */
export async function setFeatureSwitch(
  db: TenantDb,
  actor: Actor,
  input: { switch: FeatureSwitch; enabled: boolean },
): Promise<FeatureSwitches> {
  const { feature } = FEATURE_SWITCHES[input.switch];
  if (input.enabled) await requireFeature(db, actor.accountId, feature, "enabled");
  const before = await getFeatureSwitches(db, actor.accountId);
  if (before[input.switch] !== input.enabled) {
    await db.account.update({ where: { id: actor.accountId }, data: { [input.switch]: input.enabled } });
    await recordAudit(db, actor, {
      action: "features.update",
      targetAccountId: actor.accountId,
      details: { before: { [input.switch]: before[input.switch] }, after: { [input.switch]: input.enabled } },
    });
  }
  return getFeatureSwitches(db, actor.accountId);
}
