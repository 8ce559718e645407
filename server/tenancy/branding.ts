import { LRUCache } from "lru-cache";
import type { Prisma } from "@/server/db/types";
import {
  type InheritableSettings,
  mapSettings,
  readStored,
  SETTING_KEYS,
  SETTINGS,
  type SettingKey,
} from "../settings/registry";
import { type ChainLink, type Resolved, resolveInherited } from "./inheritance";

type Db = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Everything an account has: branding, then defaults (server/settings/registry.ts). */
export type { InheritableSettings } from "../settings/registry";

export type EffectiveSettings = Resolved<InheritableSettings>;

/** One row of app_branding_chain: the registry's columns as jsonb, keyed by column. */
export type ChainRow = {
  account_id: string;
  depth: number;
  slug: string;
  name: string;
  brand_domain: string | null;
  settings: Record<string, unknown>;
};

/** A stored row's settings (null: unset), each checked against the registry's shape. */
function storedValues(row: Readonly<Record<string, unknown>>): { [K in SettingKey]: InheritableSettings[K] | null } {
  return mapSettings(SETTING_KEYS, (key) => {
    const { storage, value } = SETTINGS[key];
    const raw = storage.kind === "derived" ? (row[storage.column] ?? null) : readStored(key, row);
    return raw === null ? null : value.parse(raw);
  }) as { [K in SettingKey]: InheritableSettings[K] | null };
}

/** The platform's defaults as `app_platform_defaults()` answers them, checked against the registry. */
export function platformDefaultsOf(defaults: Record<string, unknown> | null | undefined): InheritableSettings {
  if (!defaults) {
    throw new Error("platform_settings has no row: run the seed (`npm run db:seed`)");
  }
  const stored = storedValues(defaults);
  // A null passes only where the registry allows none (the platform holds no reference, no domain).
  return mapSettings(SETTING_KEYS, (key) => SETTINGS[key].value.parse(stored[key])) as InheritableSettings;
}

export async function loadPlatformDefaults(db: Db): Promise<InheritableSettings> {
  const [row] = await db.$queryRaw<{ defaults: Record<string, unknown> | null }[]>`
    SELECT app_platform_defaults() AS defaults`;
  return platformDefaultsOf(row?.defaults);
}

function toLink(row: ChainRow): ChainLink<SettingKey> {
  return {
    accountId: row.account_id,
    slug: row.slug,
    name: row.name,
    depth: row.depth,
    values: storedValues({ ...row.settings, brand_domain: row.brand_domain }),
  };
}

/** The account's chain (itself at depth 0, then its ancestors) and the platform defaults. */
export async function loadBrandingChain(
  db: Db,
  accountId: string,
): Promise<{ chain: ChainLink<SettingKey>[]; platform: InheritableSettings }> {
  // Sequential: `db` may be a transaction, one connection that runs one query at a time.
  const rows = await db.$queryRaw<ChainRow[]>`SELECT * FROM app_branding_chain(${accountId}::uuid)`;
  const platform = await loadPlatformDefaults(db);
  if (rows.length === 0) throw new Error(`account ${accountId} does not exist`);
  return { chain: rows.map(toLink), platform };
}

/**
 * The effective settings of an account whose chain (`app_branding_chain`, nearest first) and
 * platform defaults (`app_platform_defaults()`) a caller read itself, in a statement of its own.
 */
export function effectiveSettingsOf(
  rows: readonly ChainRow[],
  defaults: Record<string, unknown> | null | undefined,
): EffectiveSettings {
  if (rows.length === 0) throw new Error("an account's branding chain has at least the account itself");
  return resolveSettings(rows.map(toLink), platformDefaultsOf(defaults));
}

// The effective settings of the chains and defaults read lately, by their JSON text: the same few
// brands are read on nearly every request. Bounded: a brand not read lately is worked out again.
const settingsOfJson = new LRUCache<string, EffectiveSettings>({ max: 500 });

/**
 * effectiveSettingsOf for a chain and defaults read as JSON text (`jsonb::text`), remembered by
 * that text: the same text always gives the same settings. The answer is frozen, as it is shared.
 */
export function effectiveSettingsOfJson(chain: string | null, defaults: string | null): EffectiveSettings {
  const key = `${chain ?? "[]"}\n${defaults ?? "null"}`;
  let settings = settingsOfJson.get(key);
  if (!settings) {
    const rows = (chain === null ? [] : JSON.parse(chain)) as ChainRow[];
    const platform = (defaults === null ? null : JSON.parse(defaults)) as Record<string, unknown> | null;
    settings = deepFreeze(effectiveSettingsOf(rows, platform));
    settingsOfJson.set(key, settings);
  }
  return settings;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The effective settings of `accountId`, each with the account it comes from. A setting that does
 * not inherit (the registry's `inherits: false`) is the account's own or the platform's (none).
 */
export async function loadEffectiveSettings(db: Db, accountId: string): Promise<EffectiveSettings> {
  const { chain, platform } = await loadBrandingChain(db, accountId);
  return resolveSettings(chain, platform);
}

/** resolveInherited, with the registry's own-only settings taken from the account itself alone. */
export function resolveSettings(
  chain: readonly ChainLink<SettingKey>[],
  platform: InheritableSettings,
): EffectiveSettings {
  const ownOnly = SETTING_KEYS.filter((key) => !SETTINGS[key].inherits);
  const links = chain.map((link) =>
    link.depth === 0
      ? link
      : { ...link, values: { ...link.values, ...Object.fromEntries(ownOnly.map((key) => [key, null])) } },
  );
  return resolveInherited(links, platform);
}

/** The platform's own settings, as an effective set whose every value comes from the platform. */
export async function loadPlatformSettings(db: Db): Promise<EffectiveSettings> {
  return resolveInherited([], await loadPlatformDefaults(db));
}
