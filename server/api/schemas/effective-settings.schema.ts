import { z } from "zod";
import { mapSettings, PUBLIC_KEYS, SETTING_KEYS, SETTINGS, type SettingKey } from "../../settings/registry";

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

export const inherited = <T extends z.ZodType>(value: T) => z.object({ value, source: ValueSource });

type InheritedShape<K extends SettingKey> = {
  [P in K]: z.ZodObject<{ value: (typeof SETTINGS)[P]["value"]; source: typeof ValueSource }>;
};

const inheritedShape = <K extends SettingKey>(keys: readonly K[]) =>
  mapSettings(keys, (key) => inherited(SETTINGS[key].value)) as unknown as InheritedShape<K>;

/** Every setting's effective value and where it comes from, as the registry describes them. */
export const EffectiveSettingsOutput = z.object(inheritedShape(SETTING_KEYS));

/** What a visitor of a brand's login page may read: the registry's public settings. */
export const PublicSettingsOutput = z.object(inheritedShape(PUBLIC_KEYS));
