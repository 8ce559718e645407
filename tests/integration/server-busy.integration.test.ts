/**
 * A request that finds no database connection free within the pool's wait is answered 503 with
 * Retry-After and the reason `server_busy`, not as an unexpected error: on the read path, in
 * Prisma's transaction, in the REST face, and in the tRPC route's key lookup before any procedure.
 */
import type { PoolClient } from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DemoIds } from "@/tests/helpers/demo-data";

const SECRET = "server-busy-test-secret-that-is-long-enough-012345";
// server/env.ts reads the environment once, at import: stub it before anything imports it.
vi.stubEnv("DATABASE_APP_URL", inject("appUrl"));
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
const { GET } = await import("@/app/api/trpc/[trpc]/route");
const { handleRestRequest } = await import("@/server/api/rest/handler");
const { appDb } = await import("@/server/db/app-client");
const { CONNECTION_WAIT_MS, createPrismaClient, poolOf } = await import("@/server/db/client");
const { poolReader } = await import("@/server/db/sql-reader");
const { resolveRequest } = await import("@/server/http/resolve-request");
const { ServerBusy } = await import("@/server/limits/server-busy");
const { accessTokenFor, apiKeyFor, brandHostNamed, callerAs, homeHost, signedInSession } = await import(
  "@/tests/helpers/callers"
);
const { connectDemoDatabase } = await import("@/tests/helpers/demo-data");

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
/** A pool of one connection that waits 200 ms for it, and that connection, held by the test. */
let busy: PrismaClient;
let held: PoolClient;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  busy = createPrismaClient(inject("appUrl"), { max: 1, connectionWaitMs: 200 });
  held = await poolOf(busy).connect();
});

afterAll(async () => {
  held.release();
  await Promise.all([owner.$disconnect(), app.$disconnect(), busy.$disconnect()]);
  vi.unstubAllEnvs();
});

const bistroOwner = () => ({ accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });

/** Bistro's owner calling through `db`, signed in (host and session made) through the free client. */
async function bistroCallerOn(db: PrismaClient) {
  const host = await homeHost(app, ids.bistro.accountId);
  return callerAs(db, bistroOwner(), { host, session: await signedInSession(app, bistroOwner(), host) });
}

describe("a procedure that finds no connection free in time", () => {
  it("answers SERVICE_UNAVAILABLE, ServerBusy, on the read path (account.current)", async () => {
    const call = (await bistroCallerOn(busy)).account.current();
    await expect(call).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    await expect(call.catch((error: { cause?: unknown }) => error.cause)).resolves.toBeInstanceOf(ServerBusy);
  });

  it("answers SERVICE_UNAVAILABLE in Prisma's interactive transaction (users.list), having written nothing", async () => {
    const before = await owner.auditEntry.count();
    const call = (await bistroCallerOn(busy)).users.list({ limit: 10 });
    await expect(call).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: "The portal is busy, try again in 1 s.",
    });
    expect(await owner.auditEntry.count()).toBe(before);
  });
});

describe("over HTTP", () => {
  const restOn = async (db: PrismaClient, lookups: PrismaClient, bearer: string) => {
    const resellerHost = await brandHostNamed(app, "voicereseller.localhost");
    const request = new Request("http://voicereseller.localhost/api/v1/account", {
      headers: { host: "voicereseller.localhost", authorization: `Bearer ${bearer}`, "x-tenant": "bistro" },
    });
    return handleRestRequest(request, {
      db,
      resolve: (parts) =>
        resolveRequest(parts, {
          read: poolReader(lookups),
          resolveHost: async () => resellerHost,
          clientIp: () => null,
        }),
    });
  };

  it("REST: 503, Retry-After and server_busy, in the procedure or in the token's lookup before it", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), { id: ids.bistro.accountId, slug: "bistro" });
    for (const lookups of [app, busy]) {
      const answer = await restOn(busy, lookups, token);
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("1");
      const body = (await answer.json()) as { error: { code: string; reason: string; message: string } };
      expect(body.error).toMatchObject({ code: "SERVICE_UNAVAILABLE", reason: "server_busy" });
    }
    // With connections free, the same request answers.
    expect((await restOn(app, app, token)).status).toBe(200);
  });

  it(
    "the tRPC route: 503 with Retry-After when the key's lookup waits out the portal's pool",
    async () => {
      // Acme is platform-direct: its programs call on the platform's own host.
      const { key } = await apiKeyFor(owner, {
        accountId: ids.acme.accountId,
        createdByUserId: ids.acme.ownerUserId,
        scopes: ["account:read"],
      });
      const call = () =>
        GET(
          new Request("http://localhost/api/trpc/account.current", {
            headers: { host: "localhost", authorization: `Bearer ${key}`, "x-tenant": "acme" },
          }),
        );
      const pool = poolOf(appDb());
      const taken: PoolClient[] = [];
      try {
        // Every connection of the portal's pool in use: the lookup waits CONNECTION_WAIT_MS, then gives up.
        for (let count = 0; count < (pool.options.max ?? 10); count++) taken.push(await pool.connect());
        expect(pool.idleCount).toBe(0);
        const answer = await call();
        expect(answer.status).toBe(503);
        expect(answer.headers.get("retry-after")).toBe("1");
        expect(await answer.json()).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE", reason: "server_busy" } });
      } finally {
        for (const client of taken) client.release();
      }
      const after = await call();
      expect(after.status, await after.clone().text()).toBe(200);
    },
    CONNECTION_WAIT_MS + 10_000,
  );
});
