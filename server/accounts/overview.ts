import type { Permission, Role } from "../auth/permissions";
import type { TenantDb } from "../db/tenant";
import { type EffectiveSettings, loadEffectiveSettings } from "../tenancy/branding";

export type AccountOverview = {
  account: {
    id: string;
    slug: string;
    name: string;
    isReseller: boolean;
    status: "active" | "suspended" | "closed";
    parentId: string | null;
    limits: { maxIn: number; maxOut: number; maxDialer: number };
  };
  plan: {
    id: string;
    name: string;
    maxConcurrentCalls: number | null;
    maxUsers: number | null;
    maxDepartments: number | null;
    recording: boolean;
    aiTranscription: boolean;
    advancedAnalytics: boolean;
  };
  /** The person acting; null when an API key acts. */
  user: { id: string; email: string; name: string; role: Role } | null;
  /** The API key acting; null when a person acts. */
  apiKey: { id: string; name: string } | null;
  /** What the actor may do here: a person's role's permissions, a key's scopes. */
  permissions: Permission[];
  /** The user's own account while they have this one open ("open as"); null otherwise. */
  openedFrom: { id: string; name: string } | null;
  effective: EffectiveSettings;
};

/**
 * The account the request acts for (the user's own, or one they opened), its plan and limits, its
 * effective branding and defaults, and who acts (a user or a key, of their own account).
 */
export async function getAccountOverview(
  db: TenantDb,
  input: {
    accountId: string;
    actor: Pick<AccountOverview, "user" | "apiKey" | "permissions">;
    userAccount: { id: string; name: string };
  },
): Promise<AccountOverview | null> {
  const account = await db.account.findFirst({ where: { id: input.accountId }, include: { plan: true } });
  if (!account) return null;
  const effective = await loadEffectiveSettings(db, account.id);
  const { plan } = account;
  return {
    account: {
      id: account.id,
      slug: account.slug,
      name: account.name,
      isReseller: account.isReseller,
      status: account.status,
      parentId: account.parentId,
      limits: { maxIn: account.maxIn, maxOut: account.maxOut, maxDialer: account.maxDialer },
    },
    plan: {
      id: plan.id,
      name: plan.name,
      maxConcurrentCalls: plan.maxConcurrentCalls,
      maxUsers: plan.maxUsers,
      maxDepartments: plan.maxDepartments,
      recording: plan.recording,
      aiTranscription: plan.aiTranscription,
      advancedAnalytics: plan.advancedAnalytics,
    },
    ...input.actor,
    openedFrom: input.userAccount.id === account.id ? null : input.userAccount,
    effective,
  };
}
