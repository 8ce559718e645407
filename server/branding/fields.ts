import { z } from "zod";
import { CHANGEABLE_KEYS, type ChangeableKey, EDITABLE_KEYS, type EditableKey, SETTINGS } from "../settings/registry";

/** The fields of the settings editor, in the registry's order (the browser's form too). */
export const EDITABLE_FIELDS = EDITABLE_KEYS;
export type EditableField = EditableKey;

type ValuesShape = { [K in ChangeableKey]: (typeof SETTINGS)[K]["input"] };

/**
 * The settings an account may set for itself or an account below it, each as the value it
 * overrides with (the registry's `input`). The brand domain is managed with the domains; the logo
 * is uploaded.
 */
export const BrandingValues = z.object(
  Object.fromEntries(CHANGEABLE_KEYS.map((key) => [key, SETTINGS[key].input])) as ValuesShape,
);

export type BrandingValues = z.infer<typeof BrandingValues>;
export type BrandingField = keyof BrandingValues | "logoUrl";

/** Per field: a value to override with, null to inherit again, absent to leave as it is. */
export const BrandingChanges = z
  .object(
    Object.fromEntries(
      Object.entries(BrandingValues.shape).map(([key, schema]) => [key, schema.nullable().optional()]),
    ) as { [K in keyof BrandingValues]: z.ZodOptional<z.ZodNullable<(typeof BrandingValues.shape)[K]>> },
  )
  .extend({ logoUrl: z.null().optional() });

export type BrandingChanges = z.infer<typeof BrandingChanges>;
