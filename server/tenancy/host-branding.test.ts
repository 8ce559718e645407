import { describe, expect, it } from "vitest";
import { SETTING_EXAMPLES } from "../settings/registry";
import type { InheritableSettings } from "./branding";
import { asHostsOwn, publicSettings } from "./host-branding";
import { type ChainLink, resolveInherited } from "./inheritance";

const RESELLER = "00000000-0000-4000-8000-000000000002";
const SUB = "00000000-0000-4000-8000-000000000003";
const LOGO = `${"ab".repeat(32)}.png`;

const PLATFORM: InheritableSettings = {
  // A setting this file does not name has the registry's example.
  ...SETTING_EXAMPLES,
  brandName: "SIP.IO",
  brandDomain: null,
  logoUrl: null,
  primaryColor: "#111827",
  accentColor: "#2563eb",
  supportEmail: "help@sip.io",
  supportPhone: null,
  timezone: "UTC",
  language: "en",
  voiceGender: "female",
  defaultCidNumber: null,
  country: "US",
  defaultDestination: null,
};

const link = (accountId: string, slug: string, depth: number, values: Partial<InheritableSettings>) =>
  ({ accountId, slug, name: `${slug} legal name`, depth, values }) satisfies ChainLink<keyof InheritableSettings>;

const SUB_HOST = {
  kind: "brand",
  hostname: "sub.example",
  accountId: SUB,
  slug: "sub",
  isReseller: true,
  status: "active",
} as const;

describe("asHostsOwn", () => {
  const effective = resolveInherited(
    [
      link(SUB, "sub", 0, { primaryColor: "#0f766e" }),
      link(RESELLER, "reseller", 1, {
        brandName: "Reseller Brand",
        brandDomain: "portal.reseller.example",
        logoUrl: `/brand-assets/${RESELLER}/${LOGO}`,
      }),
    ],
    PLATFORM,
  );
  const shown = asHostsOwn(publicSettings(effective), SUB_HOST);

  it.each<[keyof typeof shown, unknown]>([
    ["brandName", "Reseller Brand"],
    ["primaryColor", "#0f766e"],
    ["accentColor", "#2563eb"],
    ["supportEmail", "help@sip.io"],
    ["timezone", "UTC"],
    // an inherited domain is the host itself, an inherited logo is served under the host's account
    ["brandDomain", "sub.example"],
    ["logoUrl", `/brand-assets/${SUB}/${LOGO}`],
  ])("shows %s as %j", (key, value) => {
    expect(shown[key].value).toEqual(value);
  });

  it("attributes every value to the host's own account under its brand name", () => {
    for (const value of Object.values(shown)) {
      expect(value.source).toEqual({ kind: "account", accountId: SUB, slug: "sub", name: "Reseller Brand", depth: 0 });
    }
    const text = JSON.stringify(shown);
    for (const above of [RESELLER, "reseller legal name", '"reseller"', "portal.reseller.example", '"platform"']) {
      expect(text).not.toContain(above);
    }
  });

  it("keeps the host's own domain and logo as they are", () => {
    const own = resolveInherited(
      [link(SUB, "sub", 0, { brandDomain: "primary.sub.example", logoUrl: `/brand-assets/${SUB}/${LOGO}` })],
      PLATFORM,
    );
    const result = asHostsOwn(own, SUB_HOST);
    expect(result.brandDomain.value).toBe("primary.sub.example");
    expect(result.logoUrl.value).toBe(`/brand-assets/${SUB}/${LOGO}`);
  });
});
