/**
 * Where mailed links point (server/mail/link-origin.ts) against the real host map: the nearest
 * verified brand host of the account's chain, never an unverified one; a platform host only for
 * a platform-direct account; the request's scheme and port; only for the tenant or below it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { linkOrigin } from "@/server/mail/link-origin";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
const ORIGIN = "https://anything.localhost:8443";
const UNVERIFIED = "bistro-link-origin.example.com";

const originFor = (tenant: string, accountId: string) =>
  withTenant(app, tenant, (tx) => linkOrigin(tx, accountId, ORIGIN));

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  // Bistro's own brand domain, primary but not verified: its links must not use it.
  await owner.hostMapping.create({
    data: { hostname: UNVERIFIED, accountId: ids.bistro.accountId, kind: "brand", isPrimary: true, verified: false },
  });
});

afterAll(async () => {
  await owner.hostMapping.deleteMany({ where: { hostname: UNVERIFIED } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("linkOrigin", () => {
  it("skips the account's unverified domain for the nearest verified one above it", async () => {
    expect(await originFor(ids.bistro.accountId, ids.bistro.accountId)).toBe("https://voicereseller.localhost:8443");
  });

  it("uses the account's own verified brand host", async () => {
    expect(await originFor(ids.acme.accountId, ids.acme.accountId)).toBe("https://acme.localhost:8443");
  });

  it("uses the account's own domain once it is verified", async () => {
    await owner.hostMapping.updateMany({ where: { hostname: UNVERIFIED }, data: { verified: true } });
    try {
      expect(await originFor(ids.voicereseller.accountId, ids.bistro.accountId)).toBe(`https://${UNVERIFIED}:8443`);
    } finally {
      await owner.hostMapping.updateMany({ where: { hostname: UNVERIFIED }, data: { verified: false } });
    }
  });

  it("uses a platform host for a platform-direct account without a brand host", async () => {
    const hosts = await owner.hostMapping.findMany({ where: { accountId: ids.acme.accountId } });
    await owner.hostMapping.deleteMany({ where: { accountId: ids.acme.accountId } });
    try {
      expect(await originFor(ids.acme.accountId, ids.acme.accountId)).toBe("https://localhost:8443");
    } finally {
      for (const host of hosts) await owner.hostMapping.create({ data: host });
    }
  });

  it("refuses an account that is neither the tenant nor below it", async () => {
    const refusal = await originFor(ids["city-clinic"].accountId, ids.bistro.accountId).catch(
      (error: unknown) => error,
    );
    expect(refusal).not.toBeInstanceOf(DomainError);
    expect(String(refusal)).toMatch(/only for the tenant or an account below it/);
  });
});
