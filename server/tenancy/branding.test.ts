import { describe, expect, it } from "vitest";
import { type ChainRow, effectiveSettingsOf, effectiveSettingsOfJson } from "./branding";

const chain: ChainRow[] = [
  {
    account_id: "00000000-0000-4000-8000-000000000002",
    depth: 0,
    slug: "bistro",
    name: "Bistro",
    brand_domain: null,
    settings: { primary_color: "#112233", language: "fr", default_extension_id: null },
  },
  {
    account_id: "00000000-0000-4000-8000-000000000001",
    depth: 1,
    slug: "voicereseller",
    name: "VoiceReseller",
    brand_domain: "portal.voicereseller.test",
    settings: { primary_color: "#445566", brand_name: "VoiceReseller", timezone: "America/New_York" },
  },
];
// The platform's defaults as app_platform_defaults() answers them: every inheritable setting.
const defaults = {
  country: "US",
  language: "en",
  logo_url: null,
  timezone: "UTC",
  brand_name: "SIP.IO",
  accent_color: "#2563eb",
  voice_gender: "female",
  primary_color: "#0f766e",
  support_email: "support@platform.localhost",
  support_phone: null,
  default_cid_number: null,
};

describe("effectiveSettingsOfJson", () => {
  it("works out the same settings as effectiveSettingsOf on the parsed JSON", () => {
    const fromJson = effectiveSettingsOfJson(JSON.stringify(chain), JSON.stringify(defaults));
    expect(fromJson).toEqual(effectiveSettingsOf(chain, defaults));
    expect(fromJson.brandName.value).toBe("VoiceReseller");
    expect(fromJson.primaryColor.value).toBe("#112233");
  });

  it("answers the same frozen settings for the same text, and others for another text", () => {
    const text = JSON.stringify(chain);
    const first = effectiveSettingsOfJson(text, JSON.stringify(defaults));
    expect(effectiveSettingsOfJson(text, JSON.stringify(defaults))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.brandName)).toBe(true);
    expect(() => {
      (first.brandName as { value: unknown }).value = "changed";
    }).toThrow(TypeError);

    const recoloured = [{ ...chain[0], settings: { ...chain[0]?.settings, primary_color: "#778899" } }, chain[1]];
    const other = effectiveSettingsOfJson(JSON.stringify(recoloured), JSON.stringify(defaults));
    expect(other).not.toBe(first);
    expect(other).toEqual(effectiveSettingsOf(recoloured as ChainRow[], defaults));
  });

  it("takes no chain as the account alone missing: an error, as effectiveSettingsOf says", () => {
    expect(() => effectiveSettingsOfJson(null, null)).toThrow(/at least the account itself/);
  });
});
