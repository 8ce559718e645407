/**
 * A tenant's read without Prisma's interactive transaction (server/db/tenant-read.ts): the same
 * request role, transaction-local tenant and row-level security as withTenant, on the same pool.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getAccountOverview, overviewStatement } from "@/server/accounts/overview";
import { sessionCheckSql } from "@/server/auth/session-check";
import { startSession } from "@/server/auth/session-store";
import { createPrismaClient, type PrismaClient, poolOf } from "@/server/db/client";
import { prismaReader } from "@/server/db/sql-reader";
import { withTenant } from "@/server/db/tenant";
import { readAsTenant, type TenantReader } from "@/server/db/tenant-read";
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

/** Counts the messages sent on the pool's connections while `work` runs. */
async function messagesDuring<T>(work: () => Promise<T>): Promise<{ value: T; messages: number }> {
  const client = await poolOf(app).connect();
  const original = client.query;
  let messages = 0;
  client.query = ((...args: Parameters<typeof original>) => {
    messages++;
    return Reflect.apply(original, client, args);
  }) as typeof original;
  client.release();
  try {
    return { value: await work(), messages };
  } finally {
    client.query = original;
  }
}

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

describe("readAsTenant with the one statement the work reads declared (`only`)", () => {
  /** The session check of one of Bistro's owner's sessions: a live one unless `sessionId` is given. */
  const bistroCheck = async (sessionId?: string) => {
    const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const session = {
      ...bistro,
      role: "owner" as const,
      brand: "platform",
      sessionId: sessionId ?? (await startSession(app, bistro)),
    };
    return sessionCheckSql({ session, openAs: null, host: { kind: "platform", hostname: "localhost" } });
  };

  it("sends the whole transaction in one message and answers the statement's rows to the work", async () => {
    const acme = ids.acme;
    const only = Prisma.sql`
      SELECT current_setting('app.account_id', true) AS tenant, current_setting('statement_timeout') AS timeout,
             current_user AS role, current_setting('transaction_read_only') AS read_only,
             (SELECT count(*)::int FROM users) AS users,
             (SELECT count(*)::int FROM users WHERE account_id = ${acme.accountId}::uuid) AS own_users,
             (SELECT count(*)::int FROM accounts WHERE id = ${ids.bistro.accountId}::uuid) AS other_account`;
    type Seen = { tenant: string; timeout: string; role: string; read_only: string } & Record<string, number>;
    const {
      value: [seen],
      messages,
    } = await messagesDuring(() => readAsTenant(app, acme.accountId, (read) => read<Seen>(only), { only }));
    expect(messages).toBe(1);
    // The tenant's transaction, in the request role, read-only, under row-level security.
    expect(seen).toMatchObject({ tenant: acme.accountId, timeout: "15s", role: "portal_app", read_only: "on" });
    expect(seen?.users).toBe(seen?.own_users);
    expect(seen?.users).toBeGreaterThan(0);
    expect(seen?.other_account).toBe(0);

    // The transaction ended with the message: the connection's next use has no tenant.
    const [after] = await app.$queryRaw<Settings[]>(settings);
    expect(after?.tenant ?? "").toBe("");
    expect(after?.timeout).toBe("0");
  });

  it("hands the check's answer to the work before the rows, and a refusal never sees them", async () => {
    const check = await bistroCheck();
    const only = overviewStatement(ids.bistro.accountId);
    const order: string[] = [];
    await readAsTenant(
      app,
      ids.bistro.accountId,
      async (read, checked) => {
        order.push(`checked ${(checked as { account_slug: string }).account_slug}`);
        const [row] = await read<{ slug: string }>(only);
        order.push(`read ${row?.slug}`);
      },
      { check, only },
    );
    expect(order).toEqual(["checked bistro", "read bistro"]);

    // A session that does not hold: the work refuses on the check's answer, having read nothing.
    let read = false;
    const refused = readAsTenant(
      app,
      ids.bistro.accountId,
      async (reader, checked) => {
        if (checked === null) throw new Error("refused");
        read = true;
        return reader(only);
      },
      { check: await bistroCheck("00000000-0000-4000-8000-000000000000"), only },
    );
    await expect(refused).rejects.toThrow("refused");
    expect(read).toBe(false);
  });

  it("reads the account overview exactly as the three-message path does", async () => {
    const vr = ids.voicereseller;
    const input = {
      accountId: vr.accountId,
      actor: { user: null, apiKey: null, permissions: [] },
      userAccount: { id: vr.accountId, name: "VoiceReseller" },
    };
    const stepwise = await readAsTenant(app, vr.accountId, (read) => getAccountOverview(read, input));
    const { value: inOne, messages } = await messagesDuring(() =>
      readAsTenant(app, vr.accountId, (read) => getAccountOverview(read, input), {
        only: overviewStatement(vr.accountId),
      }),
    );
    expect(messages).toBe(1);
    expect(stepwise).not.toBeNull();
    expect(inOne).toEqual(stepwise);
  });

  it("prepares the statement once per connection (SQL's PREPARE), and closes a connection whose message failed after one", async () => {
    const acme = ids.acme;
    const only = Prisma.sql`SELECT count(*)::int AS n FROM users WHERE account_id = ${acme.accountId}::uuid`;
    const prepared = Prisma.sql`
      SELECT name FROM pg_prepared_statements
      WHERE name LIKE 'portal\\_sql\\_%' AND statement LIKE '%count(*)::int AS n FROM users%'`;
    type Prepared = { name: string };
    for (let run = 0; run < 3; run++) {
      const [counted] = await readAsTenant(app, acme.accountId, (read) => read<{ n: number }>(only), { only });
      expect(counted?.n).toBeGreaterThan(0);
    }
    const kept = await readAsTenant(app, acme.accountId, (read) => read<Prepared>(prepared));
    expect(kept).toHaveLength(1);
    expect(kept[0]?.name).toMatch(/^portal_sql_[0-9a-f]{32}$/);

    // A statement that fails in the message that first prepares it: that connection is closed,
    // so no connection is left unsure of what it has prepared.
    const failing = Prisma.sql`SELECT 1/0 AS never WHERE ${acme.accountId}::uuid IS NOT NULL AND true`;
    await expect(readAsTenant(app, acme.accountId, (read) => read(failing), { only: failing })).rejects.toThrow(
      "division by zero",
    );
    const after = await readAsTenant(app, acme.accountId, (read) => read<Prepared>(prepared));
    expect(after).toEqual([]);
  });

  it("refuses any other read, and a second read of the statement: the transaction has ended", async () => {
    const acme = ids.acme;
    const only = Prisma.sql`SELECT ${acme.accountId}::uuid AS id`;
    await expect(
      readAsTenant(app, acme.accountId, (read) => read(Prisma.sql`SELECT 1 AS one`), { only }),
    ).rejects.toThrow(/declared one statement/);
    await expect(
      readAsTenant(app, acme.accountId, (read) => read(Prisma.sql`SELECT ${ids.bistro.accountId}::uuid AS id`), {
        only,
      }),
    ).rejects.toThrow(/declared one statement/);
    await expect(
      readAsTenant(
        app,
        acme.accountId,
        async (read) => {
          await read(only);
          return read(only);
        },
        { only },
      ),
    ).rejects.toThrow(/declared one statement/);
  });

  it("writes nothing: a statement that writes fails the read-only transaction, and the connection stays usable", async () => {
    const acme = ids.acme;
    const before = await owner.auditEntry.count({ where: { accountId: acme.accountId } });
    const only = Prisma.sql`
      WITH written AS (
        INSERT INTO audit_entries (account_id, actor_user_id, actor_account_id, acting_account_id, action)
        VALUES (${acme.accountId}::uuid, ${acme.ownerUserId}::uuid, ${acme.accountId}::uuid,
                ${acme.accountId}::uuid, 'test.tenant_read') RETURNING id)
      SELECT id FROM written`;
    await expect(readAsTenant(app, acme.accountId, (read) => read(only), { only })).rejects.toThrow(/read-only/);
    expect(await owner.auditEntry.count({ where: { accountId: acme.accountId } })).toBe(before);

    const failing = Prisma.sql`SELECT 1/0 AS never WHERE ${acme.accountId}::uuid IS NOT NULL`;
    await expect(readAsTenant(app, acme.accountId, (read) => read(failing), { only: failing })).rejects.toThrow(
      "division by zero",
    );
    const [after] = await readAsTenant(app, acme.accountId, (read) => read<Settings>(settings));
    expect(after).toMatchObject({ tenant: acme.accountId, no_writes: true });
  });

  it("writes only UUIDs into the message, refusing any other value before taking a connection", async () => {
    const typed = Prisma.sql`SELECT id FROM accounts WHERE name = ${"Bistro'; DROP TABLE accounts; --"}`;
    await expect(readAsTenant(app, ids.acme.accountId, (read) => read(typed), { only: typed })).rejects.toThrow(
      /only a UUID/,
    );
    const numbered = Prisma.sql`SELECT ${42}::int AS n`;
    await expect(readAsTenant(app, ids.acme.accountId, (read) => read(numbered), { only: numbered })).rejects.toThrow(
      /only UUIDs/,
    );
  });
});

describe("readAsTenant with the statement the work reads first declared (`first`)", () => {
  it("sends it with BEGIN, answers the work's read of it from there, and goes on in the same transaction", async () => {
    const acme = ids.acme;
    const first = Prisma.sql`SELECT is_reseller AS "isReseller", current_setting('transaction_read_only') AS read_only
      FROM accounts WHERE id = ${acme.accountId}::uuid`;
    const work = async (read: TenantReader) => {
      const [self] = await read<{ isReseller: boolean; read_only: string }>(first);
      const [then] = await read<Settings>(settings);
      return { self, then };
    };
    const declared = await messagesDuring(() => readAsTenant(app, acme.accountId, work, { first }));
    const stepwise = await messagesDuring(() => readAsTenant(app, acme.accountId, work));
    // BEGIN with the statement, the other read, COMMIT: one message fewer than reading it on its own.
    expect(declared.messages).toBe(3);
    expect(stepwise.messages).toBe(4);
    expect(declared.value.self).toEqual({ isReseller: false, read_only: "on" });
    expect(declared.value.then).toMatchObject({ tenant: acme.accountId, timeout: "15s", role: "portal_app" });
    expect(stepwise.value.then).toEqual(declared.value.then);
  });

  it("hands the rows over only when the work reads them, and a second read goes to the database", async () => {
    const vr = ids.voicereseller;
    const first = Prisma.sql`SELECT count(*)::int AS n FROM accounts WHERE parent_id = ${vr.accountId}::uuid`;
    const { value, messages } = await messagesDuring(() =>
      readAsTenant(
        app,
        vr.accountId,
        async (read) => [await read<{ n: number }>(first), await read<{ n: number }>(first)],
        { first },
      ),
    );
    expect(messages).toBe(3);
    expect(value[0]).toEqual(value[1]);
    expect(value[0]?.[0]?.n).toBeGreaterThan(0);
  });

  it("rolls back a refused work that never read it, writing nothing, and the connection stays usable", async () => {
    const acme = ids.acme;
    const first = Prisma.sql`SELECT id FROM accounts WHERE id = ${acme.accountId}::uuid`;
    await expect(
      readAsTenant(
        app,
        acme.accountId,
        async () => {
          throw new Error("refused");
        },
        { first },
      ),
    ).rejects.toThrow("refused");
    const [after] = await readAsTenant(app, acme.accountId, (read) => read<Settings>(settings));
    expect(after).toMatchObject({ tenant: acme.accountId, no_writes: true });
  });
});
