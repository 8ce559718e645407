import { z } from "zod";

/** Where an inherited value comes from: an account of the chain, or the platform. */
export const ValueSource = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("account"),
    accountId: z.uuid(),
    slug: z.string(),
    name: z.string(),
    depth: z.number().int(),
  }),
  z.object({ kind: z.literal("platform") }),
]);

const inherited = <T extends z.ZodType>(value: T) => z.object({ value, source: ValueSource });

export const EffectiveSettingsOutput = z.object({
  brandName: inherited(z.string()),
  brandDomain: inherited(z.string().nullable()),
  logoUrl: inherited(z.string().nullable()),
  primaryColor: inherited(z.string()),
  accentColor: inherited(z.string()),
  supportEmail: inherited(z.string().nullable()),
  supportPhone: inherited(z.string().nullable()),
  timezone: inherited(z.string()),
  language: inherited(z.string()),
  voiceGender: inherited(z.enum(["male", "female"])),
  defaultCidNumber: inherited(z.string().nullable()),
  didDefaultDestKind: inherited(z.string().nullable()),
  didDefaultDestId: inherited(z.string().nullable()),
  country: inherited(z.string()),
});
