import type { Prisma } from "../db/types";
import { loadEffectiveSettings } from "../tenancy/branding";
import type { MailBrand } from "./branded-message";

type Db = Pick<Prisma.TransactionClient, "$queryRaw" | "platformSetting">;

/**
 * The logo as an absolute URL on the link's host: mail clients have no page to resolve it against.
 * Without an origin (an account with no portal address) there is no logo to show.
 */
export function absoluteUrl(url: string | null, origin: string | null): string | null {
  if (!url || !origin) return null;
  return new URL(url, origin).toString();
}

/** The account's effective brand as its mail shows it, with the logo served from `origin` (null: no logo). */
export async function mailBrandOf(db: Db, accountId: string, origin: string | null): Promise<MailBrand> {
  const settings = await loadEffectiveSettings(db, accountId);
  return {
    name: settings.brandName.value,
    logoUrl: absoluteUrl(settings.logoUrl.value, origin),
    primaryColor: settings.primaryColor.value,
    accentColor: settings.accentColor.value,
    supportEmail: settings.supportEmail.value,
    supportPhone: settings.supportPhone.value,
  };
}
