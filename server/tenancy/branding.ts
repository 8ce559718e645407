import type { Prisma } from "@/server/db/types";
import { type ChainLink, type Resolved, resolveInherited } from "./inheritance";

type Db = Pick<Prisma.TransactionClient, "$queryRaw" | "platformSetting">;

/** Everything an account inherits: branding, then defaults. */
export type InheritableSettings = {
  brandName: string;
  brandDomain: string | null;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
  timezone: string;
  language: string;
  voiceGender: "male" | "female";
  defaultCidNumber: string | null;
  didDefaultDestKind: string | null;
  didDefaultDestId: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string;
};

export type EffectiveSettings = Resolved<InheritableSettings>;

type ChainRow = {
  account_id: string;
  depth: number;
  slug: string;
  name: string;
  brand_name: string | null;
  brand_domain: string | null;
  logo_url: string | null;
  primary_color: string | null;
  accent_color: string | null;
  support_email: string | null;
  support_phone: string | null;
  timezone: string | null;
  language: string | null;
  voice_gender: "male" | "female" | null;
  default_cid_number: string | null;
  did_default_dest_kind: string | null;
  did_default_dest_id: string | null;
  country: string | null;
};

export async function loadPlatformDefaults(db: Db): Promise<InheritableSettings> {
  const settings = await db.platformSetting.findFirst();
  if (!settings) {
    throw new Error("platform_settings has no row: run the seed (`npm run db:seed`)");
  }
  return {
    brandName: settings.brandName,
    brandDomain: null,
    logoUrl: settings.logoUrl,
    primaryColor: settings.primaryColor,
    accentColor: settings.accentColor,
    supportEmail: settings.supportEmail,
    supportPhone: settings.supportPhone,
    timezone: settings.timezone,
    language: settings.language,
    voiceGender: settings.voiceGender,
    defaultCidNumber: settings.defaultCidNumber,
    didDefaultDestKind: settings.didDefaultDestKind,
    didDefaultDestId: settings.didDefaultDestId,
    country: settings.country,
  };
}

function toLink(row: ChainRow): ChainLink<keyof InheritableSettings> {
  return {
    accountId: row.account_id,
    slug: row.slug,
    name: row.name,
    depth: row.depth,
    values: {
      brandName: row.brand_name,
      brandDomain: row.brand_domain,
      logoUrl: row.logo_url,
      primaryColor: row.primary_color,
      accentColor: row.accent_color,
      supportEmail: row.support_email,
      supportPhone: row.support_phone,
      timezone: row.timezone,
      language: row.language,
      voiceGender: row.voice_gender,
      defaultCidNumber: row.default_cid_number,
      didDefaultDestKind: row.did_default_dest_kind,
      didDefaultDestId: row.did_default_dest_id,
      country: row.country,
    },
  };
}

/** The account's chain (itself at depth 0, then its ancestors) and the platform defaults. */
export async function loadBrandingChain(
  db: Db,
  accountId: string,
): Promise<{ chain: ChainLink<keyof InheritableSettings>[]; platform: InheritableSettings }> {
  // Sequential: `db` may be a transaction, one connection that runs one query at a time.
  const rows = await db.$queryRaw<ChainRow[]>`SELECT * FROM app_branding_chain(${accountId}::uuid)`;
  const platform = await loadPlatformDefaults(db);
  if (rows.length === 0) throw new Error(`account ${accountId} does not exist`);
  return { chain: rows.map(toLink), platform };
}

/** The effective branding and defaults of `accountId`, each with the account it comes from. */
export async function loadEffectiveSettings(db: Db, accountId: string): Promise<EffectiveSettings> {
  const { chain, platform } = await loadBrandingChain(db, accountId);
  return resolveInherited(chain, platform);
}

/** The platform's own settings, as an effective set whose every value comes from the platform. */
export async function loadPlatformSettings(db: Db): Promise<EffectiveSettings> {
  return resolveInherited([], await loadPlatformDefaults(db));
}
