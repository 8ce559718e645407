/**
 * Fair shares between tenants: one tenant flooding the API gets TOO_MANY_REQUESTS for its excess
 * (never a 500), and the other tenants' requests go on succeeding; batches are capped; the
 * per-minute limit is counted across server instances and answered 429 with Retry-After.
 */
import { TRPCError } from "@trpc/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DemoIds, DemoSlug } from "@/tests/helpers/demo-data";

const SECRET = "tenant-limits-test-secret-that-is-long-enough-0123";
const PER_MINUTE = 40;

// server/env.ts reads the environment once, at import: stub it before anything imports it. A small
// per-minute limit keeps the test short; concurrency keeps the portal's default.
vi.stubEnv("DATABASE_APP_URL", inject("appUrl"));
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
vi.stubEnv("TENANT_REQUESTS_PER_MINUTE", String(PER_MINUTE));
// Counts written on every request, as a strict counter would: the tests below count what was stored.
vi.stubEnv("LIMIT_WRITE_INTERVAL_MS", "0");
const { GET } = await import("@/app/api/trpc/[trpc]/route");
const { callerAs, homeHost, signedInSession } = await import("@/tests/helpers/callers");
const { endSession, startSession } = await import("@/server/auth/session-store");
const { connectDemoDatabase } = await import("@/tests/helpers/demo-data");
const { createPrismaClient } = await import("@/server/db/client");
const { LIMITS } = await import("@/server/limits/registry");

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  // The portal's own pool, open before the flood as the server's is from its start: "a fraction of
  // the pool" means what it means in production, and no request waits for a connection to open.
  ({ owner, app, ids } = await connectDemoDatabase({ appPool: "portal" }));
  await owner.$executeRaw`DELETE FROM limits.counters`;
});

afterAll(async () => {
  await owner.$executeRaw`DELETE FROM limits.counters`;
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
  vi.unstubAllEnvs();
});

/** Everything counted so far, every tenant together. */
async function counted(): Promise<number> {
  const [row] = await owner.$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(points), 0) AS n FROM limits.counters`;
  return Number(row?.n);
}

const ownerOf = (slug: DemoSlug) => ({ accountId: ids[slug].accountId, userId: ids[slug].ownerUserId });

/** How a settled call ended: "ok", or the TRPCError code it failed with. */
function outcome(result: PromiseSettledResult<unknown>): string {
  if (result.status === "fulfilled") return "ok";
  if (!(result.reason instanceof TRPCError)) return `not a TRPCError: ${String(result.reason)}`;
  // An unexpected failure names its cause, so that a failing run says what broke.
  return result.reason.code === "INTERNAL_SERVER_ERROR"
    ? `${result.reason.code}: ${String(result.reason.cause)}`
    : result.reason.code;
}

function tally(outcomes: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of outcomes) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

describe("one tenant flooding", () => {
  it("gets TOO_MANY_REQUESTS for its excess while another tenant's requests all succeed", async () => {
    const flooder = callerAs(app, ownerOf("acme"));
    const neighbour = callerAs(app, ownerOf("city-clinic"));

    // Four "batches" of 950 calls at once, again and again, for as long as the neighbour works:
    // the attack that made 1,431 of 3,800 calls and the neighbour's request fail with 500s.
    let neighbourDone = false;
    const flooderOutcomes: string[] = [];
    const flood = async () => {
      do {
        const wave = await Promise.allSettled(Array.from({ length: 950 }, () => flooder.account.current()));
        flooderOutcomes.push(...wave.map(outcome));
        // Refusals settle without I/O: let the event loop run between waves, as sockets would.
        await new Promise((resolve) => setImmediate(resolve));
      } while (!neighbourDone);
    };
    const floods = [flood(), flood(), flood(), flood()];

    // Meanwhile the neighbour uses the portal as a person's pages do: a few calls at a time.
    const neighbourOutcomes: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      const calls = await Promise.allSettled([
        neighbour.account.current(),
        neighbour.account.current(),
        neighbour.account.current(),
      ]);
      neighbourOutcomes.push(...calls.map(outcome));
    }
    neighbourDone = true;
    await Promise.all(floods);

    expect(tally(neighbourOutcomes)).toEqual({ ok: 15 });
    const flooderTally = tally(flooderOutcomes);
    expect(Object.keys(flooderTally).sort()).toEqual(["TOO_MANY_REQUESTS", "ok"]);
    expect(flooderTally.ok).toBeGreaterThan(0);
    expect(flooderTally.TOO_MANY_REQUESTS).toBeGreaterThan(0);
    // Thousands of calls on a shared two-core machine: room to finish, nothing timed.
  }, 120_000);
});

describe("a session that is no longer valid", () => {
  it("is refused without spending its tenant's minute", async () => {
    // A signed token whose session has ended (signed out since): the session check refuses it.
    const ended = await signedInSession(app, ownerOf("bistro"), await homeHost(app, ids.bistro.accountId));
    await endSession(app, ended);
    const ghost = callerAs(app, ownerOf("bistro"), { session: ended });
    const before = await counted();
    for (let i = 0; i <= PER_MINUTE; i += 1) {
      await expect(ghost.account.current()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(await counted()).toBe(before);
    await expect(callerAs(app, ownerOf("bistro")).account.current()).resolves.toBeDefined();
  });
});

describe("the tRPC endpoint", () => {
  // The flood above leaves acme over its per-minute limit until its window ends; each test here
  // starts from no counts, so none depends on how long the flood took.
  beforeEach(async () => {
    await owner.$executeRaw`DELETE FROM limits.counters`;
  });

  /** A session on the platform's host: only platform-direct accounts (acme, voicereseller) sign in there. */
  async function sessionCookie(slug: DemoSlug): Promise<string> {
    const token = await encode({
      secret: SECRET,
      token: {
        sub: ids[slug].ownerUserId,
        accountId: ids[slug].accountId,
        role: "owner",
        brand: "platform",
        sid: await startSession(app, ownerOf(slug)),
      },
    });
    return `portal.session-token=${token}`;
  }

  async function get(slug: DemoSlug, paths: readonly string[]): Promise<Response> {
    const batch = paths.length > 1;
    const input = batch ? `?batch=1&input=${encodeURIComponent(JSON.stringify({}))}` : "";
    return GET(
      new Request(`http://localhost/api/trpc/${paths.join(",")}${input}`, {
        headers: { host: "localhost", cookie: await sessionCookie(slug) },
      }),
    );
  }

  it("refuses a batch of more calls than the cap with 400 and runs none of them", async () => {
    const before = await counted();
    const tooMany = Array.from({ length: LIMITS.trpcMaxBatchSize + 1 }, () => "account.current");
    const refused = await get("acme", tooMany);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain("Batch call exceeds maximum size");
    // Nothing was counted against the tenant: the batch was refused before any call ran.
    expect(await counted()).toBe(before);

    const atTheCap = await get("acme", tooMany.slice(1, 4));
    expect(atTheCap.status).toBe(200);
  });

  it("answers 429 with Retry-After past the per-minute limit, counted across server instances", async () => {
    // Two "servers": the route's own client and another with its own pool, one table of counts.
    const otherServer = createPrismaClient(inject("appUrl"), { max: 2 });
    try {
      const onOtherServer = callerAs(otherServer, ownerOf("voicereseller"));
      const half = PER_MINUTE / 2;
      for (let i = 0; i < half; i += 1) await onOtherServer.account.current();
      for (let i = 0; i < half; i += 1) expect((await get("voicereseller", ["account.current"])).status).toBe(200);

      const refused = await get("voicereseller", ["account.current"]);
      expect(refused.status).toBe(429);
      const seconds = Number(refused.headers.get("retry-after"));
      expect(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60).toBe(true);
      const body = (await refused.json()) as { error: { json: { message: string; data: { code: string } } } };
      expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");
      expect(body.error.json.message).toBe(
        `Too many requests for this account this minute, try again in ${seconds} s.`,
      );

      await expect(onOtherServer.account.current()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
      // Only that tenant is over its limit.
      expect((await get("acme", ["account.current"])).status).toBe(200);
    } finally {
      await otherServer.$disconnect();
    }
  });
});
