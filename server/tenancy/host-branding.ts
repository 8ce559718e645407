import type { PrismaClient } from "@/server/db/types";
import { type EffectiveSettings, loadEffectiveSettings, loadPlatformSettings } from "./branding";
import type { HostBrand } from "./host-resolver";

export type HostBranding = { effective: EffectiveSettings; fixedTenant: string | null };

/**
 * The branding a host shows before anyone signs in. A brand host whose account has no accounts
 * below it (not a reseller) belongs to that one account, so its login form needs no tenant field.
 */
export async function hostBranding(db: PrismaClient, host: HostBrand): Promise<HostBranding> {
  if (host.kind === "platform") return { effective: await loadPlatformSettings(db), fixedTenant: null };
  return {
    effective: await loadEffectiveSettings(db, host.accountId),
    fixedTenant: host.isReseller ? null : host.slug,
  };
}
