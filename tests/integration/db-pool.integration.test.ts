/**
 * The connections a client keeps (server/db/client.ts): opened ahead of need by
 * openKeptConnections, and still open while the client works, so that a burst of requests never
 * waits for a connection to open (see tenant-limits.integration.test.ts for the burst).
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, openKeptConnections, type PrismaClient, poolOf } from "@/server/db/client";

const owner = createPrismaClient(inject("ownerUrl"), { max: 1 });
const made: PrismaClient[] = [];

afterAll(async () => {
  await Promise.all([owner.$disconnect(), ...made.map((client) => client.$disconnect())]);
});

/** A request-role client whose connections pg_stat_activity can tell apart by application name. */
function namedClient(options: { max: number; keepOpen?: number }): { client: PrismaClient; name: string } {
  const name = `pool-test-${randomUUID()}`;
  const url = new URL(inject("appUrl"));
  url.searchParams.set("application_name", name);
  const client = createPrismaClient(url.toString(), options);
  made.push(client);
  return { client, name };
}

async function openConnections(name: string): Promise<number> {
  const [row] = await owner.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = ${name}`;
  return row?.n ?? 0;
}

describe("openKeptConnections", () => {
  it("opens the connections a client keeps before any request needs them, and no more", async () => {
    const { client, name } = namedClient({ max: 5, keepOpen: 3 });
    expect(await openConnections(name)).toBe(0);

    await openKeptConnections(client);
    expect(await openConnections(name)).toBe(3);

    // Opening again finds them open; queries use them rather than opening others.
    await openKeptConnections(client);
    await Promise.all([client.$queryRaw`SELECT 1`, client.$queryRaw`SELECT 1`]);
    expect(await openConnections(name)).toBe(3);
  });

  it("opens nothing for a client that keeps no connections", async () => {
    const { client, name } = namedClient({ max: 2 });
    await openKeptConnections(client);
    expect(await openConnections(name)).toBe(0);
  });

  it("says so when the database refuses the connections, and leaves none open", async () => {
    const url = new URL(inject("appUrl"));
    url.password = "not-the-password";
    url.searchParams.set("application_name", `pool-test-${randomUUID()}`);
    const refused = createPrismaClient(url.toString(), { max: 2, keepOpen: 2 });
    made.push(refused);
    await expect(openKeptConnections(refused)).rejects.toThrow(/password authentication failed/);
    expect(await openConnections(url.searchParams.get("application_name") ?? "")).toBe(0);
  });

  it("refuses a client it did not make", async () => {
    const { PrismaClient: Stock } = await import("@/generated/prisma/client");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const stock = new Stock({ adapter: new PrismaPg({ connectionString: inject("appUrl"), max: 1 }) });
    made.push(stock);
    await expect(openKeptConnections(stock)).rejects.toThrow(/not made by createPrismaClient/);
  });
});

describe("a kept connection the server ends", () => {
  it("is dropped by the pool, which opens another when asked, and the process goes on", async () => {
    const { client, name } = namedClient({ max: 2, keepOpen: 1 });
    await openKeptConnections(client);
    expect(await openConnections(name)).toBe(1);
    // As an administrator or a restart would: the idle connection is ended from the server's side.
    await owner.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${name}`;
    await expect.poll(() => openConnections(name)).toBe(0);
    // The pool hears of it when the connection's last message arrives, and drops it.
    await expect.poll(() => poolOf(client).totalCount).toBe(0);
    await expect(client.$queryRaw`SELECT 1 AS one`).resolves.toEqual([{ one: 1 }]);
  });
});
