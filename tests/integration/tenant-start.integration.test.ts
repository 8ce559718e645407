/**
 * A tenant transaction's BEGIN carries its tenant (server/db/tenant-start.ts): one message instead
 * of BEGIN and set_config apart, with row-level security exactly as before.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { sessionCheckSql } from "@/server/auth/session-check";
import { startSession } from "@/server/auth/session-store";
import { createPrismaClient, type SentQuery } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { beginFor, startingTenant } from "@/server/db/tenant-start";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let traced: PrismaClient;
let ids: DemoIds;
const sent: SentQuery[] = [];

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  traced = createPrismaClient(inject("appUrl"), { max: 2, onQuery: (query) => sent.push(query) });
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect(), traced.$disconnect()]);
});

const tenantOf = (tx: Pick<PrismaClient, "$queryRaw">) =>
  tx.$queryRaw<{ tenant: string | null }[]>`SELECT current_setting('app.account_id', true) AS tenant`;

describe("the tenant travels with BEGIN", () => {
  it("sets the tenant without a statement of its own, and row-level security admits only its rows", async () => {
    sent.length = 0;
    const acme = ids.acme;
    const seen = await withTenant(traced, acme.accountId, async (tx) => ({
      tenant: (await tenantOf(tx))[0]?.tenant,
      users: await tx.user.findMany({ select: { accountId: true } }),
    }));
    expect(seen.tenant).toBe(acme.accountId);
    expect(seen.users.length).toBeGreaterThan(0);
    expect(new Set(seen.users.map((user) => user.accountId))).toEqual(new Set([acme.accountId]));
    // Prisma reports the statements it sends itself: the two reads and COMMIT, no set_config.
    expect(sent.some((query) => query.query.includes("set_config"))).toBe(false);
    expect(sent.map((query) => query.query.trim().split(/\s+/)[0])).toContain("COMMIT");
  });

  it("is forgotten at COMMIT: the next transaction on the pool has no tenant", async () => {
    await withTenant(app, ids.voicereseller.accountId, (tx) => tenantOf(tx));
    // One connection at a time would prove it best; a pool of 4 and several rounds come close.
    for (let round = 0; round < 8; round += 1) {
      const rows = await app.$transaction((tx) => tenantOf(tx));
      expect(rows[0]?.tenant ?? "").toBe("");
    }
  });

  it("is carried by the first BEGIN only: a second transaction in the same context has none", async () => {
    const start = { accountId: ids.acme.accountId, applied: false };
    const [first, second] = await startingTenant(start, async () => [
      await app.$transaction((tx) => tenantOf(tx)),
      await app.$transaction((tx) => tenantOf(tx)),
    ]);
    expect(start.applied).toBe(true);
    expect(first[0]?.tenant).toBe(ids.acme.accountId);
    expect(second[0]?.tenant ?? "").toBe("");
  });

  it("rolls back with the work: a failed transaction leaves the tenant unset and writes nothing", async () => {
    const acme = ids.acme;
    const before = await owner.auditEntry.count({ where: { accountId: acme.accountId } });
    await expect(
      withTenant(app, acme.accountId, async (tx) => {
        await tx.auditEntry.create({
          data: {
            accountId: acme.accountId,
            actorUserId: acme.ownerUserId,
            actorAccountId: acme.accountId,
            actingAccountId: acme.accountId,
            action: "test.tenant_start",
          },
        });
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await owner.auditEntry.count({ where: { accountId: acme.accountId } })).toBe(before);
  });

  it("is sent on its own, check included, by a client that does not carry it with BEGIN", async () => {
    // A client on the stock pg client: BEGIN goes out alone, so withTenant sends the rest itself.
    const plain = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("appUrl"), max: 1 }) });
    try {
      const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
      const sessionId = await startSession(plain, bistro);
      const session = { ...bistro, role: "owner" as const, brand: "platform", sessionId };
      const check = sessionCheckSql({ session, openAs: null, host: { kind: "platform", hostname: "localhost" } });
      const seen = await withTenant(
        plain,
        bistro.accountId,
        async (tx, checked) => ({ tenant: (await tenantOf(tx))[0]?.tenant, checked }),
        { check },
      );
      expect(seen.tenant).toBe(bistro.accountId);
      expect(seen.checked).toMatchObject({ role: "owner", account_slug: "bistro" });
    } finally {
      await plain.$disconnect();
    }
  });

  it("writes only a UUID into the statement", () => {
    expect(beginFor(ids.acme.accountId)).toBe(
      `BEGIN; SELECT set_config('app.account_id', '${ids.acme.accountId}'::uuid::text, true)`,
    );
    expect(() => beginFor("x'); DROP TABLE accounts; --")).toThrow("UUID");
    expect(() => startingTenant({ accountId: "not-a-uuid", applied: false }, async () => 1)).toThrow("UUID");
  });
});
