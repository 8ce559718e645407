import { z } from "zod";
import { nameText, plainText } from "../api/schemas/text";
import type { InheritableSettings } from "../tenancy/branding";
import { COUNTRIES } from "../tenancy/countries";
import { SUPPORTED_LANGUAGES } from "../tenancy/languages";

/** The fields of the branding editor, in the order it shows them (the browser's form too). */
export const EDITABLE_FIELDS = [
  "brandName",
  "logoUrl",
  "primaryColor",
  "accentColor",
  "supportEmail",
  "supportPhone",
  "timezone",
  "language",
  "voiceGender",
  "defaultCidNumber",
  "didDefaultDestKind",
  "didDefaultDestId",
  "country",
] as const satisfies readonly (keyof InheritableSettings)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Where unrouted DIDs may land (the database's accounts_did_default_dest check mirrors this). */
export const DID_DESTINATION_KINDS = ["extension", "ring_group", "queue", "ivr", "voicemail", "external"] as const;

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));
// Intl's list leaves out the canonical "UTC" alias on some ICU builds; it is always valid.
TIME_ZONES.add("UTC");

const e164 = (what: string) =>
  plainText({ label: what, max: 32 }).regex(
    /^\+[1-9][0-9]{6,14}$/,
    `${what} must be an international number like +14155550123 (E.164)`,
  );

/**
 * The branding and defaults an account may set for itself or an account below it, each as the
 * value it overrides with. (The brand domain is managed with the domains; the logo is uploaded.)
 */
export const BrandingValues = z.object({
  brandName: nameText({ label: "The brand name", max: 80, required: "Enter a brand name" }),
  primaryColor: plainText({ label: "The primary colour", max: 32 })
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, "The primary colour must be a colour like #1d4ed8"),
  accentColor: plainText({ label: "The accent colour", max: 32 })
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, "The accent colour must be a colour like #f59e0b"),
  supportEmail: plainText({ label: "The support e-mail", max: 254 })
    .toLowerCase()
    .pipe(z.email("The support e-mail must be an address like support@example.com")),
  supportPhone: e164("The support phone"),
  timezone: plainText({ label: "The time zone", max: 64 }).refine(
    (zone) => TIME_ZONES.has(zone),
    "The time zone must be an IANA name like Europe/Paris",
  ),
  language: z.enum(
    SUPPORTED_LANGUAGES.map((language) => language.code),
    "The language must be one of the 16 supported languages",
  ),
  voiceGender: z.enum(["male", "female"], "The voice must be male or female"),
  country: z.enum(
    COUNTRIES.map((country) => country.code),
    "The country must be a two-letter country code like FR",
  ),
  defaultCidNumber: e164("The default caller ID"),
  didDefaultDest: z.object({
    kind: z.enum(DID_DESTINATION_KINDS, "Choose where unrouted numbers go"),
    id: nameText({ label: "The destination", max: 64, required: "Name the destination unrouted numbers go to" }),
  }),
});

export type BrandingValues = z.infer<typeof BrandingValues>;
export type BrandingField = keyof BrandingValues | "logoUrl";

/** Per field: a value to override with, null to inherit again, absent to leave as it is. */
export const BrandingChanges = z
  .object(
    Object.fromEntries(
      Object.entries(BrandingValues.shape).map(([key, schema]) => [key, schema.nullable().optional()]),
    ) as { [K in keyof BrandingValues]: z.ZodOptional<z.ZodNullable<(typeof BrandingValues.shape)[K]>> },
  )
  .extend({ logoUrl: z.null().optional() })
  .superRefine((changes, context) => {
    const dest = changes.didDefaultDest;
    if (dest && dest.kind === "external" && !/^\+[1-9][0-9]{6,14}$/.test(dest.id)) {
      context.addIssue({
        code: "custom",
        path: ["didDefaultDest", "id"],
        message: "An external destination is an international number like +14155550123 (E.164)",
      });
    }
  });

export type BrandingChanges = z.infer<typeof BrandingChanges>;
