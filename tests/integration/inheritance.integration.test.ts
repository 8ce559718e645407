/**
 * Inheritance of branding and defaults against the seeded account tree, read the way the portal
 * reads it: through the request role, with no tenant set (app_branding_chain is the narrow
 * service path that needs none).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/server/env";
import { loadEffectiveSettings, loadPlatformSettings } from "@/server/tenancy/branding";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 2 }));
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

const fromAccount = (accountId: string, slug: string, depth: number) => ({
  kind: "account",
  accountId,
  slug,
  depth,
});

describe("loadEffectiveSettings", () => {
  it("gives a child its reseller's branding, its own language and the platform's voice", async () => {
    const bistro = await loadEffectiveSettings(app, ids.bistro.accountId);
    const reseller = fromAccount(ids.voicereseller.accountId, "voicereseller", 1);

    expect(bistro.brandName).toEqual({ value: "VoiceReseller", source: expect.objectContaining(reseller) });
    expect(bistro.primaryColor).toEqual({ value: "#7c3aed", source: expect.objectContaining(reseller) });
    expect(bistro.accentColor).toEqual({ value: "#f59e0b", source: expect.objectContaining(reseller) });
    expect(bistro.timezone).toEqual({ value: "America/New_York", source: expect.objectContaining(reseller) });
    expect(bistro.brandDomain).toEqual({
      value: "voicereseller.localhost",
      source: expect.objectContaining(reseller),
    });
    expect(bistro.language).toEqual({
      value: "fr",
      source: expect.objectContaining(fromAccount(ids.bistro.accountId, "bistro", 0)),
    });
    expect(bistro.voiceGender).toEqual({ value: "female", source: { kind: "platform" } });
  });

  it("gives a platform-direct account the platform's brand", async () => {
    const acme = await loadEffectiveSettings(app, ids.acme.accountId);
    // The seed names the platform after PLATFORM_BRAND_NAME, "SIP.IO" unless the run overrides it.
    expect(env.PLATFORM_BRAND_NAME).toBeTruthy();
    expect(acme.brandName).toEqual({ value: env.PLATFORM_BRAND_NAME, source: { kind: "platform" } });
    expect(acme.primaryColor).toEqual({ value: "#0f766e", source: { kind: "platform" } });
    expect(acme.brandDomain).toEqual({
      value: "acme.localhost",
      source: expect.objectContaining(fromAccount(ids.acme.accountId, "acme", 0)),
    });
    const platform = await loadPlatformSettings(app);
    expect(platform.brandName).toEqual(acme.brandName);
  });

  it("lets a child's own value win over its parent's, and inherit again once cleared", async () => {
    const clinic = ids["city-clinic"].accountId;
    const before = await loadEffectiveSettings(app, clinic);
    expect(before.primaryColor).toEqual({
      value: "#7c3aed",
      source: expect.objectContaining(fromAccount(ids.voicereseller.accountId, "voicereseller", 1)),
    });

    const original = await owner.account.findUniqueOrThrow({ where: { id: clinic }, select: { primaryColor: true } });
    await owner.account.update({ where: { id: clinic }, data: { primaryColor: "#123456" } });
    try {
      const after = await loadEffectiveSettings(app, clinic);
      expect(after.primaryColor).toEqual({
        value: "#123456",
        source: expect.objectContaining(fromAccount(clinic, "city-clinic", 0)),
      });
      // Only that one value changed hands.
      expect(after.accentColor).toEqual(before.accentColor);
      // A sibling is unaffected.
      expect((await loadEffectiveSettings(app, ids.bistro.accountId)).primaryColor.value).toBe("#7c3aed");
    } finally {
      await owner.account.update({ where: { id: clinic }, data: { primaryColor: original.primaryColor } });
    }
    expect(await loadEffectiveSettings(app, clinic)).toEqual(before);
  });

  it("fails loudly for an account that does not exist", async () => {
    await expect(loadEffectiveSettings(app, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(/does not exist/);
  });
});
