import { z } from "zod";
import { BrandingChanges, EDITABLE_FIELDS, type EditableField } from "../../branding/fields";
import { MAX_LOGO_BYTES } from "../../branding/logo";
import { DestinationOption } from "../../settings/destination";
import { SETTINGS } from "../../settings/registry";
import { ValueSource } from "./effective-settings.schema";

const AccountId = z.uuid({ message: "accountId must be an account id" });

export const GetBrandingInput = z.object({ accountId: AccountId });

// Base64 takes 4 characters for 3 bytes; a longer string cannot hold a logo small enough.
const MAX_LOGO_BASE64 = Math.ceil(MAX_LOGO_BYTES / 3) * 4;

export const UpdateBrandingInput = z.object({
  accountId: AccountId,
  /** Per field: a value overrides, null resets to the inherited value, absent leaves it. */
  changes: BrandingChanges.default({}),
  /** A new logo (PNG, JPEG or WebP, at most 256 KB), its bytes in base64. */
  logo: z
    .object({
      base64: z
        .string()
        .max(MAX_LOGO_BASE64, "The logo can be at most 256 KB")
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, "logo.base64 must be base64-encoded bytes"),
    })
    .optional(),
});

const field = <T extends z.ZodType>(value: T) =>
  z.object({
    own: value.nullable(),
    effective: z.object({ value, source: ValueSource }),
    inherited: z.object({ value, source: ValueSource }),
  });

type Inherited<T extends z.ZodType> = z.ZodObject<{ value: T; source: typeof ValueSource }>;
type FieldShape = {
  [K in EditableField]: z.ZodObject<{
    own: z.ZodNullable<(typeof SETTINGS)[K]["value"]>;
    effective: Inherited<(typeof SETTINGS)[K]["value"]>;
    inherited: Inherited<(typeof SETTINGS)[K]["value"]>;
  }>;
};

export const BrandingEditorOutput = z.object({
  account: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), isOwn: z.boolean() }),
  fields: z.object(
    Object.fromEntries(EDITABLE_FIELDS.map((key) => [key, field(SETTINGS[key].value)])) as unknown as FieldShape,
  ),
  /**
   * The account's own destinations, to choose its default from; null when the tenant edits an
   * account below it (whose rows it cannot read: the account sets its default itself).
   */
  destinations: z.array(DestinationOption).nullable(),
});
