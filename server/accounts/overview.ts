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
  user: { id: string; email: string; name: string; role: "owner" | "admin" | "member" };
  effective: EffectiveSettings;
};

/** The signed-in account, its plan and limits, and its effective branding and defaults. */
export async function getAccountOverview(
  db: TenantDb,
  input: { accountId: string; userId: string },
): Promise<AccountOverview | null> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const account = await db.account.findFirst({ where: { id: input.accountId }, include: { plan: true } });
  const user = await db.user.findFirst({ where: { accountId: input.accountId, id: input.userId } });
  if (!account || !user) return null;
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
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    effective,
  };
}
