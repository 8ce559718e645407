import type { PrismaClient } from "@/server/db/types";
import { mapSettings, PUBLIC_KEYS, type PublicKey } from "../settings/registry";
import { type EffectiveSettings, loadEffectiveSettings, loadPlatformSettings } from "./branding";
import type { HostBrand } from "./host-resolver";
import type { Inherited, ValueSource } from "./inheritance";

/** The settings a visitor may read (the registry's public ones). */
export type PublicSettings = Pick<EffectiveSettings, PublicKey>;

export type HostBranding = { effective: PublicSettings; fixedTenant: string | null };

/** Only the registry's public settings: what the login page of a host may show anyone. */
export function publicSettings(effective: EffectiveSettings): PublicSettings {
  return mapSettings(PUBLIC_KEYS, (key) => effective[key]) as PublicSettings;
}

type BrandHost = Extract<HostBrand, { kind: "brand" }>;

const LOGO_PATH = /^\/brand-assets\/[0-9a-f-]{36}\/([^/]+)$/;

/**
 * The branding as a visitor of `host` may read it: every value is the brand's own. What the
 * host's account inherits is shown, but attributed to the host's account, never to the reseller
 * or platform above it (white label: a visitor learns nothing about who serves the brand). An
 * inherited brand domain reads as the host itself, and an inherited logo is served under the
 * host account's own path (app_logo serves an ancestor's logo there). Pure.
 */
export function asHostsOwn(effective: PublicSettings, host: BrandHost): PublicSettings {
  const own: ValueSource = {
    kind: "account",
    accountId: host.accountId,
    slug: host.slug,
    name: effective.brandName.value,
    depth: 0,
  };
  const inheritedHere = (source: ValueSource) => source.kind === "platform" || source.accountId !== host.accountId;
  const values = Object.fromEntries(
    Object.entries(effective).map(([key, inherited]: [string, Inherited<unknown>]) => {
      let value = inherited.value;
      if (inheritedHere(inherited.source) && key === "brandDomain") value = host.hostname;
      if (inheritedHere(inherited.source) && key === "logoUrl" && typeof value === "string") {
        const file = LOGO_PATH.exec(value)?.[1];
        if (file) value = `/brand-assets/${host.accountId}/${file}`;
      }
      return [key, { value, source: own }];
    }),
  );
  return values as PublicSettings;
}

/**
 * The branding a host shows before anyone signs in. A brand host whose account has no accounts
 * below it (not a reseller) belongs to that one account, so its login form needs no tenant field.
 */
export async function hostBranding(db: PrismaClient, host: HostBrand): Promise<HostBranding> {
  if (host.kind === "platform") return { effective: publicSettings(await loadPlatformSettings(db)), fixedTenant: null };
  return {
    effective: asHostsOwn(publicSettings(await loadEffectiveSettings(db, host.accountId)), host),
    fixedTenant: host.isReseller ? null : host.slug,
  };
}
