/**
 * THE REGISTRY OF SETTINGS: every setting an account has (branding, then defaults), once. The
 * types, the chain mapping (server/tenancy/branding.ts), the output schemas of the procedures, the
 * validation of a change, the labels (pages and audit log) and the editor's rows are all derived
 * from this object. A new setting is one entry here plus its migration:
 *
 *   ALTER TABLE accounts ADD COLUMN greeting text CHECK (...);             -- null: inherit
 *   ALTER TABLE platform_settings ADD COLUMN greeting text NOT NULL DEFAULT '...';
 *   INSERT INTO setting_columns (column_name) VALUES ('greeting');
 *   GRANT UPDATE (greeting) ON accounts TO portal_app;
 *
 * Inheritance: a column setting's effective value is the nearest non-null value up the ancestor
 * chain, then the platform default. A REFERENCE setting (the default destination) names a row of
 * the account's own tables, which no other account can use: it does not inherit. An account
 * without its own has none (`inherits: false`; the database returns it for the account itself only).
 */
import { z } from "zod";
import { nameText, plainText } from "../api/schemas/text";
import { COUNTRIES } from "../tenancy/countries";
import { SUPPORTED_LANGUAGES } from "../tenancy/languages";
import { DESTINATION_KINDS, type DestinationKind, DestinationRef } from "./destination";

export type SettingGroup = "branding" | "defaults";

/** How a setting is edited; the editor has one way to draw each (app/(portal)/_branding/setting-inputs.tsx). */
export type SettingEditor =
  | "text"
  | "logo"
  | "colour"
  | "email"
  | "phone"
  | "timezone"
  | "language"
  | "country"
  | "voice"
  | "destination"
  | "domain";

/** Where a setting lives. */
export type SettingStorage =
  /** `accounts.<column>` (null: inherit) and, where the platform has a default, `platform_settings.<column>` */
  | { kind: "column"; column: string }
  /** one row of the account's own tables, one nullable column per kind (at most one set) */
  | { kind: "reference"; columns: Readonly<Record<DestinationKind, string>> }
  /** computed by the chain function, not stored as a setting (the primary brand domain) */
  | { kind: "derived"; column: string };

export type SettingSpec = {
  label: string;
  group: SettingGroup;
  editor: SettingEditor;
  storage: SettingStorage;
  /** The effective value's shape (null where there may be none). */
  value: z.ZodType;
  /** What an override must satisfy; null: not set through a change (uploaded, managed elsewhere). */
  input: z.ZodType | null;
  /** false: only the account's own value counts (see above). */
  inherits: boolean;
  /** Whether a visitor of the login page may read it (the host's branding is public). */
  public: boolean;
  /** A valid value (of `value`, and of `input` where there is one): what tests and examples use. */
  example: unknown;
  help?: string;
};

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));
// Intl's list leaves out the canonical "UTC" alias on some ICU builds; it is always valid.
TIME_ZONES.add("UTC");

const E164 = /^\+[1-9][0-9]{6,14}$/;
const e164 = (what: string) =>
  plainText({ label: what, max: 32 }).regex(E164, `${what} must be an international number like +14155550123 (E.164)`);
const colour = (what: string, example: string) =>
  plainText({ label: what, max: 32 })
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, `${what} must be a colour like ${example}`);

const VOICES = ["male", "female"] as const;

export const SETTINGS = {
  brandName: {
    label: "Brand name",
    group: "branding",
    editor: "text",
    storage: { kind: "column", column: "brand_name" },
    value: z.string(),
    input: nameText({ label: "The brand name", max: 80, required: "Enter a brand name" }),
    inherits: true,
    public: true,
    example: "Harbour Voice",
  },
  brandDomain: {
    label: "Portal address",
    group: "branding",
    editor: "domain",
    storage: { kind: "derived", column: "brand_domain" },
    value: z.string().nullable(),
    input: null,
    inherits: true,
    public: true,
    example: "portal.harbour.example",
  },
  logoUrl: {
    label: "Logo",
    group: "branding",
    editor: "logo",
    storage: { kind: "column", column: "logo_url" },
    value: z.string().nullable(),
    input: null,
    inherits: true,
    public: true,
    example: null,
    help: "PNG, JPEG or WebP, at most 256 KB.",
  },
  primaryColor: {
    label: "Primary colour",
    group: "branding",
    editor: "colour",
    storage: { kind: "column", column: "primary_color" },
    value: z.string(),
    input: colour("The primary colour", "#1d4ed8"),
    inherits: true,
    public: true,
    example: "#1d4ed8",
    help: "Header, buttons and links. Text must stay readable on it and it on white (WCAG AA).",
  },
  accentColor: {
    label: "Accent colour",
    group: "branding",
    editor: "colour",
    storage: { kind: "column", column: "accent_color" },
    value: z.string(),
    input: colour("The accent colour", "#f59e0b"),
    inherits: true,
    public: true,
    example: "#1d4ed8",
    help: "Badges and highlights. Text must stay readable on it (WCAG AA).",
  },
  supportEmail: {
    label: "Support e-mail",
    group: "branding",
    editor: "email",
    storage: { kind: "column", column: "support_email" },
    value: z.string().nullable(),
    input: plainText({ label: "The support e-mail", max: 254 })
      .toLowerCase()
      .pipe(z.email("The support e-mail must be an address like support@example.com")),
    inherits: true,
    public: true,
    example: "support@harbour.example",
  },
  supportPhone: {
    label: "Support phone",
    group: "branding",
    editor: "phone",
    storage: { kind: "column", column: "support_phone" },
    value: z.string().nullable(),
    input: e164("The support phone"),
    inherits: true,
    public: true,
    example: "+14155550123",
  },
  timezone: {
    label: "Time zone",
    group: "defaults",
    editor: "timezone",
    storage: { kind: "column", column: "timezone" },
    value: z.string(),
    input: plainText({ label: "The time zone", max: 64 }).refine(
      (zone) => TIME_ZONES.has(zone),
      "The time zone must be an IANA name like Europe/Paris",
    ),
    inherits: true,
    public: true,
    example: "Europe/Paris",
  },
  language: {
    label: "Language",
    group: "defaults",
    editor: "language",
    storage: { kind: "column", column: "language" },
    value: z.string(),
    input: z.enum(
      SUPPORTED_LANGUAGES.map((language) => language.code),
      "The language must be one of the 16 supported languages",
    ),
    inherits: true,
    public: true,
    example: "en",
  },
  country: {
    label: "Country",
    group: "defaults",
    editor: "country",
    storage: { kind: "column", column: "country" },
    value: z.string(),
    input: z.enum(
      COUNTRIES.map((country) => country.code),
      "The country must be a two-letter country code like FR",
    ),
    inherits: true,
    public: true,
    example: "FR",
    help: "Numbers typed without a country code are read as numbers of this country.",
  },
  voiceGender: {
    label: "Voice",
    group: "defaults",
    editor: "voice",
    storage: { kind: "column", column: "voice_gender" },
    value: z.enum(VOICES),
    input: z.enum(VOICES, "The voice must be male or female"),
    inherits: true,
    public: true,
    example: "female",
  },
  defaultCidNumber: {
    label: "Default caller ID",
    group: "defaults",
    editor: "phone",
    storage: { kind: "column", column: "default_cid_number" },
    value: z.string().nullable(),
    input: e164("The default caller ID"),
    inherits: true,
    public: true,
    example: "+14155550123",
  },
  defaultDestination: {
    label: "Unrouted numbers go to",
    group: "defaults",
    editor: "destination",
    storage: {
      kind: "reference",
      columns: {
        extension: "default_extension_id",
        department: "default_department_id",
        schedule: "default_schedule_id",
      },
    },
    value: DestinationRef.nullable(),
    input: DestinationRef,
    inherits: false,
    public: false,
    example: { kind: "extension", id: "00000000-0000-4000-8000-000000000001" },
    help: "One of this account's extensions, departments or schedules; a number with no route of its own rings here.",
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Every setting's effective value, typed from the registry. */
export type InheritableSettings = { [K in SettingKey]: z.infer<(typeof SETTINGS)[K]["value"]> };

type KeysWhere<Condition> = {
  [K in SettingKey]: (typeof SETTINGS)[K] extends Condition ? K : never;
}[SettingKey];

/** The settings set through a change (a value overrides, null inherits again). */
export type ChangeableKey = KeysWhere<{ input: z.ZodType }>;
/** The settings an account holds itself (all but what the database derives), as the editor shows them. */
export type EditableKey = KeysWhere<{ storage: { kind: "column" | "reference" } }>;
/** The settings a visitor of the login page may read. */
export type PublicKey = KeysWhere<{ public: true }>;

export const CHANGEABLE_KEYS = SETTING_KEYS.filter((key) => SETTINGS[key].input !== null) as ChangeableKey[];
export const EDITABLE_KEYS = SETTING_KEYS.filter((key) => SETTINGS[key].storage.kind !== "derived") as EditableKey[];
export const PUBLIC_KEYS = SETTING_KEYS.filter((key) => SETTINGS[key].public) as PublicKey[];

/** Builds an object with one entry per key of `keys`, typed per key. */
export function mapSettings<K extends SettingKey, R>(keys: readonly K[], make: (key: K) => R): Record<K, R> {
  return Object.fromEntries(keys.map((key) => [key, make(key)])) as Record<K, R>;
}

/** The columns of `accounts` that hold settings, as the database's setting_columns lists them. */
export function settingColumns(): { column: string; inherits: boolean }[] {
  return SETTING_KEYS.flatMap((key): { column: string; inherits: boolean }[] => {
    const { storage, inherits } = SETTINGS[key];
    if (storage.kind === "column") return [{ column: storage.column, inherits }];
    if (storage.kind === "reference") return Object.values(storage.columns).map((column) => ({ column, inherits }));
    return [];
  });
}

/** One stored row's value of `key` (an account's or the platform's), from its columns; null when unset. */
export function readStored(key: SettingKey, row: Readonly<Record<string, unknown>>): unknown {
  const { storage } = SETTINGS[key];
  if (storage.kind === "reference") {
    for (const kind of DESTINATION_KINDS) {
      const id = row[storage.columns[kind]];
      if (typeof id === "string") return { kind, id };
    }
    return null;
  }
  return row[storage.column] ?? null;
}

/** The column values that store `value` for `key` (null clears it), keyed by column. */
export function writeStored(key: ChangeableKey, value: unknown): Record<string, unknown> {
  const { storage } = SETTINGS[key];
  if (storage.kind === "reference") {
    const ref = value === null ? null : DestinationRef.parse(value);
    return Object.fromEntries(
      DESTINATION_KINDS.map((kind) => [storage.columns[kind], ref?.kind === kind ? ref.id : null]),
    );
  }
  return { [storage.column]: value };
}

/** Every setting's example value: a complete, valid set (tests build their fixtures from it). */
export const SETTING_EXAMPLES = mapSettings(SETTING_KEYS, (key) => SETTINGS[key].example) as InheritableSettings;

/** What each setting is called on screen (pages and the audit log). */
export const SETTING_LABELS = mapSettings(SETTING_KEYS, (key) => SETTINGS[key].label);
