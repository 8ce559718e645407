/**
 * Database-level tenant isolation: what holds even when application code forgets a filter.
 * The app client connects as the request role `portal_app`; the owner client is the role that ran
 * the migrations (admitted by the `platform_owner` policies) and is used only to arrange data and
 * to look behind the policies.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { APP_ROLE } from "@/server/db/urls";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const RLS_REFUSAL = /row-level security/;
// Marks the audit rows this file creates, so that it removes exactly those.
const MARKER_ACTION = "test.rls_fixture";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  // The seed writes no audit entries; give both tenants some, or "B's audit rows are invisible"
  // would hold trivially.
  await owner.auditEntry.createMany({
    data: (["acme", "voicereseller"] as const).map((slug) => ({
      accountId: ids[slug].accountId,
      actorUserId: ids[slug].ownerUserId,
      actorAccountId: ids[slug].accountId,
      actingAccountId: ids[slug].accountId,
      action: MARKER_ACTION,
    })),
  });
});

afterAll(async () => {
  await owner.auditEntry.deleteMany({ where: { action: MARKER_ACTION } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("a tenant-scoped client", () => {
  it("sees the other tenant's rows only through the owner (control)", async () => {
    // Without this, every "sees nothing of B" below could pass on an empty table.
    const victim = ids.voicereseller.accountId;
    expect(await owner.user.count({ where: { accountId: victim } })).toBeGreaterThan(0);
    expect(await owner.auditEntry.count({ where: { accountId: victim } })).toBeGreaterThan(0);
  });

  it("reads none of tenant B's users or audit entries, even when asking for them by id", async () => {
    const a = ids.acme;
    const b = ids.voicereseller;
    const seen = await withTenant(app, a.accountId, async (tx) => ({
      users: await tx.user.findMany(),
      audit: await tx.auditEntry.findMany(),
      bUsers: await tx.user.findMany({ where: { accountId: b.accountId } }),
      bOwner: await tx.user.findFirst({ where: { accountId: b.accountId, id: b.ownerUserId } }),
      bAudit: await tx.auditEntry.count({ where: { accountId: b.accountId } }),
    }));
    expect(seen.users.map((user) => user.id)).toEqual([a.ownerUserId]);
    expect(seen.audit.length).toBeGreaterThan(0);
    expect(seen.audit.every((entry) => entry.accountId === a.accountId)).toBe(true);
    expect(seen.bUsers).toEqual([]);
    expect(seen.bOwner).toBeNull();
    expect(seen.bAudit).toBe(0);
  });

  it("returns only tenant A's rows from raw SQL with no WHERE clause", async () => {
    const a = ids.acme;
    type Row = { account_id: string; id: string };
    const seen = await withTenant(app, a.accountId, async (tx) => ({
      raw: await tx.$queryRaw<Row[]>`SELECT * FROM users`,
      unsafe: await tx.$queryRawUnsafe<Row[]>("SELECT * FROM users"),
      audit: await tx.$queryRawUnsafe<Row[]>("SELECT * FROM audit_entries"),
    }));
    expect(seen.raw.map((row) => row.id)).toEqual([a.ownerUserId]);
    expect(seen.unsafe.map((row) => row.id)).toEqual([a.ownerUserId]);
    expect(seen.audit.length).toBeGreaterThan(0);
    expect(seen.audit.every((row) => row.account_id === a.accountId)).toBe(true);
  });

  it("refuses to insert a row for tenant B (WITH CHECK)", async () => {
    const b = ids.voicereseller.accountId;
    const before = await owner.user.count({ where: { accountId: b } });
    await expect(
      withTenant(app, ids.acme.accountId, (tx) =>
        tx.user.create({
          data: { accountId: b, email: "intruder@rls.test", name: "Intruder", role: "owner", passwordHash: "x" },
        }),
      ),
    ).rejects.toThrow(RLS_REFUSAL);
    await expect(
      withTenant(app, ids.acme.accountId, (tx) =>
        tx.auditEntry.create({ data: { accountId: b, action: "test.intrusion" } }),
      ),
    ).rejects.toThrow(RLS_REFUSAL);
    expect(await owner.user.count({ where: { accountId: b } })).toBe(before);
    expect(await owner.auditEntry.count({ where: { action: "test.intrusion" } })).toBe(0);
  });

  it("can neither update nor delete tenant B's rows (USING)", async () => {
    const b = ids.voicereseller;
    const counts = await withTenant(app, ids.acme.accountId, async (tx) => ({
      updated: await tx.user.updateMany({ where: { accountId: b.accountId }, data: { name: "Taken over" } }),
      deleted: await tx.user.deleteMany({ where: { id: b.ownerUserId } }),
    }));
    expect(counts).toEqual({ updated: { count: 0 }, deleted: { count: 0 } });
    const victim = await owner.user.findUniqueOrThrow({
      where: { accountId_id: { accountId: b.accountId, id: b.ownerUserId } },
    });
    expect(victim.name).toBe("VoiceReseller Inc. Owner");
  });
});

describe("composite foreign keys", () => {
  it("reject an audit entry whose actor is said to be a user of account A but is a user of account B", async () => {
    // The owner client passes every policy, so only the (actor_account_id, actor_user_id) foreign
    // key can stop this insert.
    await expect(
      owner.auditEntry.create({
        data: {
          accountId: ids.acme.accountId,
          actorAccountId: ids.acme.accountId,
          actingAccountId: ids.acme.accountId,
          actorUserId: ids.voicereseller.ownerUserId,
          action: "test.fk",
        },
      }),
    ).rejects.toMatchObject({ code: "P2003" });
    expect(await owner.auditEntry.count({ where: { action: "test.fk" } })).toBe(0);
  });

  it("accept the same entry when the actor belongs to account A (control)", async () => {
    const created = await owner.auditEntry.create({
      data: {
        accountId: ids.acme.accountId,
        actorAccountId: ids.acme.accountId,
        actingAccountId: ids.acme.accountId,
        actorUserId: ids.acme.ownerUserId,
        action: "test.fk",
      },
    });
    await owner.auditEntry.delete({ where: { accountId_id: { accountId: created.accountId, id: created.id } } });
  });
});

describe("the request role", () => {
  it("is what the app client connects as", async () => {
    const [row] = await app.$queryRaw<{ current_user: string }[]>`SELECT current_user`;
    expect(row?.current_user).toBe(APP_ROLE);
  });

  it("is not a superuser, does not bypass RLS, owns nothing and inherits no role", async () => {
    const [role] = await owner.$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }[]>`
      SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = ${APP_ROLE}`;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false });

    const ownedTables = await owner.$queryRaw<{ tablename: string }[]>`
      SELECT tablename FROM pg_tables WHERE tableowner = ${APP_ROLE}`;
    expect(ownedTables).toEqual([]);
    // Views, sequences and the rest of pg_class too: an owner bypasses its own object's policies.
    const ownedRelations = await owner.$queryRaw<{ relname: string }[]>`
      SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = ${APP_ROLE}`;
    expect(ownedRelations).toEqual([]);
    // Membership in the owner role would let a request `SET ROLE` out of its policies.
    const memberOf = await owner.$queryRaw<{ rolname: string }[]>`
      SELECT g.rolname FROM pg_auth_members m
        JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
       WHERE u.rolname = ${APP_ROLE}`;
    expect(memberOf).toEqual([]);
  });
});

describe("with no tenant set", () => {
  it("reads nothing and inserts nothing", async () => {
    expect(await app.user.findMany()).toEqual([]);
    expect(await app.auditEntry.findMany()).toEqual([]);
    expect(await app.account.findMany()).toEqual([]);
    expect(await app.hostMapping.findMany()).toEqual([]);
    expect(await app.$queryRawUnsafe("SELECT * FROM users")).toEqual([]);
    await expect(
      app.user.create({
        data: {
          accountId: ids.acme.accountId,
          email: "nobody@rls.test",
          name: "Nobody",
          role: "member",
          passwordHash: "x",
        },
      }),
    ).rejects.toThrow(RLS_REFUSAL);
    await expect(
      app.auditEntry.create({ data: { accountId: ids.acme.accountId, action: "test.no_tenant" } }),
    ).rejects.toThrow(RLS_REFUSAL);
    expect(await owner.user.count({ where: { email: "nobody@rls.test" } })).toBe(0);
  });

  it("treats app.account_id = '' as no tenant (what a pooled connection reads after a local set_config)", async () => {
    // withTenant refuses '' itself, so set it by hand the way a careless caller could.
    const seen = await app.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.account_id', '', true)`;
      return {
        users: await tx.user.findMany(),
        audit: await tx.auditEntry.findMany(),
        accounts: await tx.account.findMany(),
      };
    });
    expect(seen).toEqual({ users: [], audit: [], accounts: [] });
    await expect(
      app.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.account_id', '', true)`;
        return tx.auditEntry.create({ data: { accountId: ids.acme.accountId, action: "test.empty_tenant" } });
      }),
    ).rejects.toThrow(RLS_REFUSAL);
    expect(await owner.auditEntry.count({ where: { action: "test.empty_tenant" } })).toBe(0);
  });
});

describe("a pool of one connection", () => {
  it("forgets the tenant when the scoped transaction ends", async () => {
    const single = createPrismaClient(inject("appUrl"), { max: 1 });
    try {
      type Pid = { pid: number };
      const scoped = await withTenant(single, ids.acme.accountId, async (tx) => ({
        users: await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users`,
        pid: (await tx.$queryRaw<Pid[]>`SELECT pg_backend_pid() AS pid`)[0]?.pid,
      }));
      expect(scoped.users.map((row) => row.id)).toEqual([ids.acme.ownerUserId]);

      const [after] = await single.$queryRaw<(Pid & { tenant: string | null })[]>`
        SELECT pg_backend_pid() AS pid, current_setting('app.account_id', true) AS tenant`;
      // Same backend, or this test would prove nothing about connection reuse.
      expect(after?.pid).toBe(scoped.pid);
      expect(after?.tenant ?? "").toBe("");
      expect(await single.$queryRawUnsafe("SELECT * FROM users")).toEqual([]);
    } finally {
      await single.$disconnect();
    }
  });

  it("forgets the tenant when the scoped transaction fails", async () => {
    const single = createPrismaClient(inject("appUrl"), { max: 1 });
    try {
      const failure = new Error("request failed");
      await expect(
        withTenant(single, ids.acme.accountId, async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          throw failure;
        }),
      ).rejects.toBe(failure);
      const [after] = await single.$queryRaw<{ tenant: string | null }[]>`
        SELECT current_setting('app.account_id', true) AS tenant`;
      expect(after?.tenant ?? "").toBe("");
      expect(await single.user.findMany()).toEqual([]);
    } finally {
      await single.$disconnect();
    }
  });
});

describe("the accounts registry", () => {
  const slugsSeenBy = (accountId: string) =>
    withTenant(app, accountId, async (tx) =>
      (await tx.account.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((row) => row.slug),
    );

  it("shows a reseller itself and its descendants, not other tenants", async () => {
    expect(await slugsSeenBy(ids.voicereseller.accountId)).toEqual(["bistro", "city-clinic", "voicereseller"]);
    const acme = await withTenant(app, ids.voicereseller.accountId, (tx) =>
      tx.account.findFirst({ where: { id: ids.acme.accountId } }),
    );
    expect(acme).toBeNull();
  });

  it("shows a child only itself, not its parent or siblings", async () => {
    expect(await slugsSeenBy(ids.bistro.accountId)).toEqual(["bistro"]);
    expect(await slugsSeenBy(ids.acme.accountId)).toEqual(["acme"]);
  });

  it("shows host mappings only of the visible accounts", async () => {
    const hosts = await withTenant(app, ids.voicereseller.accountId, (tx) =>
      tx.hostMapping.findMany({ select: { hostname: true } }),
    );
    // Its own brand domain and its customers' seeded SIP domains; never Acme's.
    expect(hosts.map((host) => host.hostname).sort()).toEqual([
      "sip.bistro.localhost",
      "sip.city-clinic.localhost",
      "voicereseller.localhost",
    ]);
  });
});

describe("the ancestors trigger", () => {
  it("derives ancestors from parent_id", async () => {
    expect(ids.bistro.ancestors).toEqual([ids.voicereseller.accountId]);
    expect(ids["city-clinic"].ancestors).toEqual([ids.voicereseller.accountId]);
    expect(ids.voicereseller.ancestors).toEqual([]);
    expect(ids.acme.ancestors).toEqual([]);
  });

  it("keeps the ancestors a writer tries to forge", async () => {
    const updated = await owner.account.update({
      where: { id: ids.bistro.accountId },
      data: { ancestors: [] },
      select: { ancestors: true },
    });
    expect(updated.ancestors).toEqual([ids.voicereseller.accountId]);
  });

  it("refuses to change a slug or move an account", async () => {
    await expect(
      owner.account.update({ where: { id: ids.bistro.accountId }, data: { slug: "bistro-renamed" } }),
    ).rejects.toThrow(/slug is immutable/);
    await expect(
      owner.account.update({ where: { id: ids.bistro.accountId }, data: { parentId: ids.acme.accountId } }),
    ).rejects.toThrow(/cannot be moved/);
    const bistro = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    expect(bistro).toMatchObject({ slug: "bistro", parentId: ids.voicereseller.accountId });
  });
});

describe("the tree rules", () => {
  it("keep an account with children a reseller, and let a childless one stop being one", async () => {
    await expect(
      owner.account.update({ where: { id: ids.voicereseller.accountId }, data: { isReseller: false } }),
    ).rejects.toThrow(/stays a reseller/);
    const reseller = await owner.account.findUniqueOrThrow({ where: { id: ids.voicereseller.accountId } });
    expect(reseller.isReseller).toBe(true);

    const acme = await owner.account.findUniqueOrThrow({ where: { id: ids.acme.accountId } });
    try {
      await owner.account.update({ where: { id: ids.acme.accountId }, data: { isReseller: !acme.isReseller } });
      await owner.account.update({ where: { id: ids.acme.accountId }, data: { isReseller: acme.isReseller } });
    } finally {
      await owner.account.update({ where: { id: ids.acme.accountId }, data: { isReseller: acme.isReseller } });
    }
  });
});
