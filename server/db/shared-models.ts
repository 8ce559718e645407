import type { Prisma } from "@/generated/prisma/client";

/**
 * The Prisma models that are NOT tenant tables: platform-wide data (plans, platform settings, which
 * columns are settings), the
 * tenant registry itself (accounts, which has its own ancestor policy) and the global host map.
 * Every other model is a tenant table, made by the SQL procedure app_make_tenant_table (`account_id`
 * leading its primary key, row-level security enabled and forced, the standard policies);
 * tests/integration/policies.integration.test.ts checks that against the live database, so adding a
 * model here is a deliberate, reviewed decision rather than a way to skip the isolation rules.
 */
export const SHARED_MODELS = [
  "Plan",
  "PlatformSetting",
  "Account",
  "HostMapping",
  "SettingColumn",
  // The platform's rate deck, the voice platform's service keys and the registry of call ids
  // (unique across accounts): written by the platform alone, never granted to requests.
  "RateDeckEntry",
  "PlatformServiceKey",
  "CallId",
] as const satisfies readonly Prisma.ModelName[];

export type SharedModel = (typeof SHARED_MODELS)[number];

export function isSharedModel(model: string): model is SharedModel {
  return (SHARED_MODELS as readonly string[]).includes(model);
}
