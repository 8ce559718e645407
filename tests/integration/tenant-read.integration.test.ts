/**
 * A tenant's read without Prisma's interactive transaction (server/db/tenant-read.ts): the same
 * request role, transaction-local tenant and row-level security as withTenant, on the same pool.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getAccountOverview } from "@/server/accounts/overview";
import { sessionCheckSql } from "@/server/auth/session-check";
import { startSession } from "@/server/auth/session-store";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { prismaReader } from "@/server/db/sql-reader";
import { withTenant } from "@/server/db/tenant";
import { readAsTenant } from "@/server/db/tenant-read";
import { Prisma } from "@/server/db/types";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  // One connection: each read below runs on the connection the one before it used.
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 1 }));
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

const settings = Prisma.sql`
  SELECT current_setting('app.account_id', true) AS tenant, current_setting('statement_timeout') AS timeout,
         current_user AS role, txid_current_if_assigned() IS NULL AS no_writes`;
type Settings = { tenant: string | null; timeout: string; role: string; no_writes: boolean };

describe("readAsTenant", () => {
  it("reads as the tenant under row-level security, in the request role", async () => {
    const acme = ids.acme;
    const seen = await readAsTenant(app, acme.accountId, async (read) => ({
      settings: await read<Settings>(settings),
      users: await read<{ account_id: string }>(Prisma.sql`SELECT account_id FROM users`),
      // Asking for another tenant's row by id finds nothing.
      other: await read(Prisma.sql`SELECT id FROM accounts WHERE id = ${ids.bistro.accountId}::uuid`),
    }));
    expect(seen.settings[0]).toMatchObject({ tenant: acme.accountId, timeout: "15s", role: "portal_app" });
    expect(seen.users.length).toBeGreaterThan(0);
    expect(new Set(seen.users.map((user) => user.account_id))).toEqual(new Set([acme.accountId]));
    expect(seen.other).toEqual([]);
  });

  it("ends its transaction: the connection's next use has no tenant and the default timeout", async () => {
    await readAsTenant(app, ids.voicereseller.accountId, (read) => read(settings));
    const [after] = await app.$queryRaw<Settings[]>(settings);
    expect(after?.tenant ?? "").toBe("");
    expect(after?.timeout).toBe("0");
  });

  it("hands work the check's answer, from the message that begins the transaction", async () => {
    const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const sessionId = await startSession(app, bistro);
    const session = { ...bistro, role: "owner" as const, brand: "platform", sessionId };
    const check = sessionCheckSql({ session, openAs: null, host: { kind: "platform", hostname: "localhost" } });
    const checked = await readAsTenant(app, bistro.accountId, async (_read, answer) => answer, { check });
    expect(checked).toMatchObject({ role: "owner", account_slug: "bistro" });

    // A session that does not hold answers null.
    const ended = sessionCheckSql({
      session: { ...session, sessionId: "00000000-0000-4000-8000-000000000000" },
      openAs: null,
      host: { kind: "platform", hostname: "localhost" },
    });
    expect(await readAsTenant(app, bistro.accountId, async (_read, answer) => answer, { check: ended })).toBeNull();
  });

  it("rolls back when the work fails, and leaves the connection usable", async () => {
    const acme = ids.acme;
    const before = await owner.auditEntry.count({ where: { accountId: acme.accountId } });
    await expect(
      readAsTenant(app, acme.accountId, async (read) => {
        // A read path that wrote would still be undone with the transaction.
        await read(Prisma.sql`
          INSERT INTO audit_entries (account_id, actor_user_id, actor_account_id, acting_account_id, action)
          VALUES (${acme.accountId}::uuid, ${acme.ownerUserId}::uuid, ${acme.accountId}::uuid,
                  ${acme.accountId}::uuid, 'test.tenant_read')`);
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    expect(await owner.auditEntry.count({ where: { accountId: acme.accountId } })).toBe(before);

    await expect(readAsTenant(app, acme.accountId, (read) => read(Prisma.sql`SELECT 1/0`))).rejects.toThrow(
      "division by zero",
    );
    const [after] = await readAsTenant(app, acme.accountId, (read) => read<Settings>(settings));
    expect(after).toMatchObject({ tenant: acme.accountId, no_writes: true });
  });

  it("prepares each statement once per connection and reuses it", async () => {
    const acme = ids.acme;
    const statement = Prisma.sql`SELECT count(*)::int AS n FROM users WHERE account_id = ${acme.accountId}::uuid`;
    const prepared = Prisma.sql`SELECT name, statement FROM pg_prepared_statements`;
    type Prepared = { name: string; statement: string };
    const first = await readAsTenant(app, acme.accountId, async (read) => {
      await read(statement);
      return read<Prepared>(prepared);
    });
    const second = await readAsTenant(app, acme.accountId, async (read) => {
      await read(statement);
      return read<Prepared>(prepared);
    });
    const named = first.filter((row) => row.statement === statement.text);
    expect(named).toHaveLength(1);
    // The same connection (a pool of one) still holds that one, under the same name.
    expect(second.filter((row) => row.statement === statement.text)).toEqual(named);
  });

  it("waits for a free connection a bounded time, then fails without reading", async () => {
    const busy = createPrismaClient(inject("appUrl"), { max: 1, connectionWaitMs: 200 });
    try {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holding = readAsTenant(busy, ids.acme.accountId, () => held);
      await expect(readAsTenant(busy, ids.acme.accountId, async () => "read")).rejects.toThrow(/timeout/i);
      release();
      await holding;
      await expect(readAsTenant(busy, ids.acme.accountId, async () => "read")).resolves.toBe("read");
    } finally {
      await busy.$disconnect();
    }
  });

  it("refuses a tenant that is not a UUID before taking a connection", async () => {
    await expect(readAsTenant(app, "x'); DROP TABLE accounts; --", async () => 1)).rejects.toThrow();
  });

  it("reads the account overview exactly as Prisma's transaction does", async () => {
    const vr = ids.voicereseller;
    const input = {
      accountId: vr.accountId,
      actor: { user: null, apiKey: null, permissions: [] },
      userAccount: { id: vr.accountId, name: "VoiceReseller" },
    };
    const viaPrisma = await withTenant(app, vr.accountId, (tx) => getAccountOverview(prismaReader(tx), input));
    const viaRead = await readAsTenant(app, vr.accountId, (read) => getAccountOverview(read, input));
    expect(viaPrisma).not.toBeNull();
    expect(viaRead).toEqual(viaPrisma);
  });
});
