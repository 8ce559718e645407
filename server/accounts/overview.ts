import type { Permission, Role } from "../auth/permissions";
import type { TenantReader } from "../db/tenant-read";
import { Prisma } from "../db/types";
import { type EffectiveSettings, effectiveSettingsOfJson } from "../tenancy/branding";

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

type OverviewRow = {
  id: string;
  slug: string;
  name: string;
  is_reseller: boolean;
  status: AccountOverview["account"]["status"];
  parent_id: string | null;
  max_in: number;
  max_out: number;
  max_dialer: number;
  plan_id: string;
  plan_name: string;
  max_concurrent_calls: number | null;
  max_users: number | null;
  max_departments: number | null;
  recording: boolean;
  ai_transcription: boolean;
  advanced_analytics: boolean;
  /** JSON text: the settings are worked out once per distinct text (effectiveSettingsOfJson). */
  chain: string | null;
  defaults: string | null;
};

/**
 * The one statement of the overview: the account, its plan, its branding chain and the platform's
 * defaults together. Its only value is the account's id, so account.current can declare it as the
 * one statement its transaction reads (tenantReadProcedure's `only`).
 */
export function overviewStatement(accountId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, a.slug, a.name, a.is_reseller, a.status::text AS status, a.parent_id,
           a.max_in, a.max_out, a.max_dialer,
           p.id AS plan_id, p.name AS plan_name, p.max_concurrent_calls, p.max_users, p.max_departments,
           p.recording, p.ai_transcription, p.advanced_analytics,
           (SELECT jsonb_agg(to_jsonb(link) ORDER BY link.depth) FROM app_branding_chain(a.id) AS link)::text AS chain,
           app_platform_defaults()::text AS defaults
    FROM accounts a
    JOIN plans p ON p.id = a.plan_id
    WHERE a.id = ${accountId}::uuid`;
}

/**
 * The account the request acts for (the user's own, or one they opened), its plan and limits, its
 * effective branding and defaults, and who acts (a user or a key, of their own account).
 *
 * One statement (overviewStatement): this is the call every page and program makes first, so each
 * round trip saved here is saved on nearly every request (docs/PERFORMANCE.md, "The request path
 * over HTTP").
 */
export async function getAccountOverview(
  read: TenantReader,
  input: {
    accountId: string;
    actor: Pick<AccountOverview, "user" | "apiKey" | "permissions">;
    userAccount: { id: string; name: string };
  },
): Promise<AccountOverview | null> {
  const [row] = await read<OverviewRow>(overviewStatement(input.accountId));
  if (!row) return null;
  return {
    account: {
      id: row.id,
      slug: row.slug,
      name: row.name,
      isReseller: row.is_reseller,
      status: row.status,
      parentId: row.parent_id,
      limits: { maxIn: row.max_in, maxOut: row.max_out, maxDialer: row.max_dialer },
    },
    plan: {
      id: row.plan_id,
      name: row.plan_name,
      maxConcurrentCalls: row.max_concurrent_calls,
      maxUsers: row.max_users,
      maxDepartments: row.max_departments,
      recording: row.recording,
      aiTranscription: row.ai_transcription,
      advancedAnalytics: row.advanced_analytics,
    },
    ...input.actor,
    openedFrom: input.userAccount.id === row.id ? null : input.userAccount,
    effective: effectiveSettingsOfJson(row.chain, row.defaults),
  };
}
