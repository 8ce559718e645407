import type { Metadata } from "next";
import { brandIconHref } from "@/server/branding/brand-icon";
import type { PublicSettings } from "@/server/tenancy/host-branding";

/**
 * Tab titles "Page · Account · Brand" (the brand once when the account is the brand) and the
 * brand's favicon, for the portal's layout.
 */
export function portalMetadata(accountName: string, effective: PublicSettings): Metadata {
  const brand = effective.brandName.value;
  const suffix = accountName === brand ? brand : `${accountName} · ${brand}`;
  return {
    title: { template: `%s · ${suffix}`, default: suffix },
    icons: { icon: brandIconHref(brandOf(effective)) },
  };
}

export function brandOf(effective: PublicSettings) {
  return {
    brandName: effective.brandName.value,
    primaryColor: effective.primaryColor.value,
    logoUrl: effective.logoUrl.value,
  };
}
