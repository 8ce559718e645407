/**
 * Sign-in (the narrow, pre-tenant service path) and host resolution against the real database.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { BAD_CREDENTIALS, type SignInResult, signIn } from "@/server/auth/sign-in";
import { SignInThrottle } from "@/server/auth/throttle";
import { createPrismaClient } from "@/server/db/client";
import { LIMITS } from "@/server/limits/registry";
import { sharedCounter } from "@/server/limits/shared-counter";
import type { HostBrand } from "@/server/tenancy/host-resolver";
import { HostResolver } from "@/server/tenancy/host-resolver";
import { type DemoIds, loadDemoIds } from "@/tests/helpers/demo-data";

// Every sign-in here comes from a documentation address (192.0.2.0/24), so the audit rows this
// file causes can be found and removed.
const TEST_IP = "192.0.2.44";
const ipNumber = (n: number) => `192.0.2.${n}`;
const PLATFORM_HOSTS = ["localhost", "127.0.0.1"];

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let password: string;
let resellerHost: HostBrand;

async function brandHost(hostname: string): Promise<HostBrand> {
  type Row = { account_id: string; slug: string; is_reseller: boolean; status: "active" | "suspended" | "closed" };
  const [row] = await app.$queryRaw<Row[]>`SELECT * FROM app_resolve_host(${hostname})`;
  if (!row) throw new Error(`${hostname} is not a seeded brand host`);
  return {
    kind: "brand",
    hostname,
    accountId: row.account_id,
    slug: row.slug,
    isReseller: row.is_reseller,
    status: row.status,
  };
}

function signInAttempt(input: { email: string; password: string; tenant: string }, host = resellerHost, ip = TEST_IP) {
  return signIn(app, host, input, ip);
}

const signInAudits = (accountId: string) =>
  owner.auditEntry.count({ where: { accountId, action: "auth.sign_in", ip: { startsWith: "192.0.2." } } });

/** Asserts a failure with `code`, and that it left no audit entry behind. */
async function expectFailure(attempt: Promise<SignInResult>, code: string, accountId = ids.bistro.accountId) {
  const before = await signInAudits(accountId);
  const result = await attempt;
  expect(result).toMatchObject({ ok: false, code });
  expect(await signInAudits(accountId)).toBe(before);
  return result;
}

beforeAll(async () => {
  owner = createPrismaClient(inject("ownerUrl"), { max: 2 });
  app = createPrismaClient(inject("appUrl"), { max: 2 });
  ids = await loadDemoIds(owner);
  password = inject("demoPassword");
  resellerHost = await brandHost("voicereseller.localhost");
});

// The throttle counts in the database: each test starts with no attempts on record.
beforeEach(async () => {
  await owner.$executeRaw`DELETE FROM limits.counters`;
});

afterAll(async () => {
  await owner.$executeRaw`DELETE FROM limits.counters`;
  await owner.auditEntry.deleteMany({ where: { ip: { startsWith: "192.0.2." } } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("signIn", () => {
  it("signs a child account's owner in on the reseller's host and audits it", async () => {
    const before = await signInAudits(ids.bistro.accountId);
    const result = await signInAttempt({ email: "Owner@Bistro.test ", password, tenant: "bistro" });
    expect(result).toEqual({
      ok: true,
      user: { userId: ids.bistro.ownerUserId, accountId: ids.bistro.accountId, accountSlug: "bistro", role: "owner" },
    });
    const entries = await owner.auditEntry.findMany({
      where: { accountId: ids.bistro.accountId, action: "auth.sign_in", ip: TEST_IP },
      orderBy: { createdAt: "desc" },
    });
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      actorUserId: ids.bistro.ownerUserId,
      details: { host: "voicereseller.localhost", via: "session" },
    });
  });

  it("answers a wrong password, an unknown email and an unknown tenant with the same code and message", async () => {
    const wrong = await expectFailure(
      signInAttempt({ email: ids.bistro.ownerEmail, password: "not-the-password", tenant: "bistro" }),
      "BAD_CREDENTIALS",
    );
    const unknownEmail = await expectFailure(
      signInAttempt({ email: "nobody@bistro.test", password, tenant: "bistro" }),
      "BAD_CREDENTIALS",
    );
    const unknownTenant = await expectFailure(
      signInAttempt({ email: ids.bistro.ownerEmail, password, tenant: "no-such-tenant" }),
      "BAD_CREDENTIALS",
    );
    expect(wrong).toEqual({ ok: false, code: "BAD_CREDENTIALS", message: BAD_CREDENTIALS });
    expect(unknownEmail).toEqual(wrong);
    expect(unknownTenant).toEqual(wrong);
  });

  it("rejects a malformed tenant slug with a message that says what a tenant looks like", async () => {
    const result = await expectFailure(
      signInAttempt({ email: ids.bistro.ownerEmail, password, tenant: "Bad Slug!" }),
      "INVALID_INPUT",
    );
    expect(result).toMatchObject({ message: expect.stringMatching(/3 to 40 lowercase letters/) });
  });

  it("does not sign an account in on a brand host it is not below, and does not say that it exists", async () => {
    // Right password, right tenant, wrong portal: acme is platform-direct, not voicereseller's.
    const result = await expectFailure(
      signInAttempt({ email: ids.acme.ownerEmail, password, tenant: "acme" }),
      "BAD_CREDENTIALS",
      ids.acme.accountId,
    );
    expect(result).toEqual({ ok: false, code: "BAD_CREDENTIALS", message: BAD_CREDENTIALS });
    // Control: the same credentials work on acme's own host.
    const acmeHost = await brandHost("acme.localhost");
    const onOwnHost = await signInAttempt({ email: ids.acme.ownerEmail, password, tenant: "acme" }, acmeHost);
    expect(onOwnHost).toMatchObject({ ok: true, user: { accountId: ids.acme.accountId } });
  });

  it("says a suspended account is suspended only to someone with its password", async () => {
    await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "suspended" } });
    try {
      const result = await expectFailure(
        signInAttempt({ email: ids.bistro.ownerEmail, password, tenant: "bistro" }),
        "ACCOUNT_INACTIVE",
      );
      expect(result).toMatchObject({ message: expect.stringContaining("suspended") });
      const guess = await expectFailure(
        signInAttempt({ email: ids.bistro.ownerEmail, password: "a-guess", tenant: "bistro" }),
        "BAD_CREDENTIALS",
      );
      expect(guess).toEqual({ ok: false, code: "BAD_CREDENTIALS", message: BAD_CREDENTIALS });
    } finally {
      await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "active" } });
    }
  });
});

describe("the sign-in throttle", () => {
  const bistroOwner = () => ({ email: ids.bistro.ownerEmail, tenant: "bistro" });
  const fail = (ip: string, who = bistroOwner()) =>
    signInAttempt({ ...who, password: "wrong-password" }, resellerHost, ip);
  const succeed = (ip: string) => signInAttempt({ ...bistroOwner(), password }, resellerHost, ip);

  async function failTimes(times: number, ip: string) {
    for (let i = 1; i <= times; i += 1) {
      expect(await fail(ip), `failure ${i} from ${ip}`).toMatchObject({ code: "BAD_CREDENTIALS" });
    }
  }

  it("refuses the client that failed 10 times for an account, even with the right password, and says how long", async () => {
    await failTimes(LIMITS.signIn.perSourceAndAccount.points, ipNumber(10));
    const refused = await expectFailure(succeed(ipNumber(10)), "THROTTLED");
    expect(refused).toMatchObject({ message: expect.stringMatching(/^Too many attempts, try again in \d+ s\.$/) });
    if (refused.ok || refused.code !== "THROTTLED") throw new Error("expected THROTTLED");
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.signIn.perSourceAndAccount.blockDuration);
    expect(refused.message).toContain(`${refused.retryAfterSeconds} s`);
  });

  it("never locks the owner out: an attacker failing from one address leaves the owner's own address free", async () => {
    // Enough failures to block the attacker's address for this account and to mark the account
    // as under attack.
    const attacker = ipNumber(20);
    await failTimes(LIMITS.signIn.perSourceAndAccount.points, attacker);
    const overAccountLimit = LIMITS.signIn.perAccount.points + 5;
    for (let i = LIMITS.signIn.perSourceAndAccount.points; i < overAccountLimit; i += 1) {
      expect(await fail(attacker)).toMatchObject({ code: "THROTTLED" });
    }
    expect(await succeed(attacker)).toMatchObject({ code: "THROTTLED" });

    expect(await succeed(ipNumber(21))).toMatchObject({ ok: true, user: { userId: ids.bistro.ownerUserId } });
    // ... and again: signing in did not make the owner's address a failing one.
    expect(await succeed(ipNumber(21))).toMatchObject({ ok: true });
  });

  it("slows guessing spread over many addresses: once the account is under attack each gets only a few tries", async () => {
    // Every address fails once: no address is over its own limit, but the account is.
    for (let n = 1; n <= LIMITS.signIn.perAccount.points; n += 1) {
      expect(await fail(`198.51.100.${n}`), `guess from 198.51.100.${n}`).toMatchObject({ code: "BAD_CREDENTIALS" });
    }
    const fresh = ipNumber(30);
    await failTimes(LIMITS.signIn.underAttackPerSource - 1, fresh);
    // Its last allowed try is spent...
    expect(await fail(fresh)).toMatchObject({ code: "BAD_CREDENTIALS" });
    // ...and then it is stopped well before the 10 tries an address has when nobody attacks.
    expect(LIMITS.signIn.underAttackPerSource).toBeLessThan(LIMITS.signIn.perSourceAndAccount.points);
    expect(await fail(fresh)).toMatchObject({ code: "THROTTLED" });
    expect(await succeed(fresh)).toMatchObject({ code: "THROTTLED" });

    // The owner, from an address with no failures, still signs in, and so does a user of the same
    // tenant whom nobody attacks.
    expect(await succeed(ipNumber(31))).toMatchObject({ ok: true, user: { userId: ids.bistro.ownerUserId } });
  });

  it("forgets a client's run of failures when it signs in", async () => {
    const ip = ipNumber(40);
    await failTimes(LIMITS.signIn.perSourceAndAccount.points - 1, ip);
    expect(await succeed(ip)).toMatchObject({ ok: true });
    await failTimes(LIMITS.signIn.perSourceAndAccount.points, ip);
    expect(await fail(ip)).toMatchObject({ code: "THROTTLED" });
  });

  it("blocks an address that fails across many accounts", async () => {
    // The same mechanism as the portal's per-address limit, with a small limit for the test.
    const perSource = sharedCounter(app, { ...LIMITS.signIn.perSource, keyPrefix: "test:sign-in:source", points: 4 });
    const throttle = new SignInThrottle({
      perSource,
      perSourceAndAccount: sharedCounter(app, LIMITS.signIn.perSourceAndAccount),
      perAccount: sharedCounter(app, LIMITS.signIn.perAccount),
    });
    const ip = ipNumber(50);
    const guess = (n: number, pw = "wrong-password") =>
      signIn(app, resellerHost, { email: `user-${n}@bistro.test`, password: pw, tenant: "bistro" }, ip, throttle);
    for (let n = 1; n <= 4; n += 1) expect(await guess(n)).toMatchObject({ code: "BAD_CREDENTIALS" });
    expect(await guess(5)).toMatchObject({ code: "THROTTLED" });
    // The address is blocked for every account, the right password included...
    const owner = signIn(app, resellerHost, { ...bistroOwner(), password }, ip, throttle);
    expect(await owner).toMatchObject({ code: "THROTTLED" });
    // ...and only that address.
    const elsewhere = signIn(app, resellerHost, { ...bistroOwner(), password }, ipNumber(51), throttle);
    expect(await elsewhere).toMatchObject({ ok: true });
  });

  it("counts attempts sent in parallel: they cannot all slip in under the limit", async () => {
    const ip = ipNumber(60);
    const results = await Promise.all(Array.from({ length: 25 }, () => fail(ip)));
    const tried = results.filter((result) => result.ok === false && result.code === "BAD_CREDENTIALS");
    expect(tried).toHaveLength(LIMITS.signIn.perSourceAndAccount.points);
    expect(results.filter((result) => result.ok === false && result.code === "THROTTLED")).toHaveLength(15);
  });

  describe("across server instances", () => {
    let otherServer: PrismaClient;

    beforeAll(() => {
      otherServer = createPrismaClient(inject("appUrl"), { max: 2 });
    });

    afterAll(async () => {
      await otherServer.$disconnect();
    });

    it("counts one client's failures on every instance together", async () => {
      // Two instances: their own database pools and their own limiter objects, one table.
      const servers = [app, otherServer];
      const ip = ipNumber(70);
      const attempt = (server: PrismaClient, pw: string) =>
        signIn(server, resellerHost, { ...bistroOwner(), password: pw }, ip);
      for (let i = 0; i < LIMITS.signIn.perSourceAndAccount.points; i += 1) {
        const server = servers[i % 2] ?? app;
        expect(await attempt(server, "wrong-password"), `failure ${i + 1}`).toMatchObject({ code: "BAD_CREDENTIALS" });
      }
      expect(await attempt(app, password)).toMatchObject({ code: "THROTTLED" });
      expect(await attempt(otherServer, password)).toMatchObject({ code: "THROTTLED" });
    });
  });
});

describe("HostResolver", () => {
  let pool: pg.Pool;
  let resolver: HostResolver;
  const lateHost = "late-brand.localhost";

  beforeAll(() => {
    pool = new pg.Pool({ connectionString: inject("appUrl"), max: 2 });
    // A TTL far beyond the test's 2-second wait: only the NOTIFY invalidation can refresh an entry.
    resolver = new HostResolver(pool, PLATFORM_HOSTS, { ttlMs: 10 * 60_000 });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await owner.hostMapping.deleteMany({ where: { hostname: lateHost } });
    await resolver.close();
    await pool.end();
  });

  it("resolves a brand host, normalising case and port", async () => {
    const expected = { kind: "brand", hostname: "acme.localhost", accountId: ids.acme.accountId, slug: "acme" };
    expect(await resolver.resolve("acme.localhost")).toMatchObject({
      ...expected,
      isReseller: false,
      status: "active",
    });
    expect(await resolver.resolve("ACME.localhost:3000")).toMatchObject(expected);
  });

  it("answers unknown for a host nobody owns, and platform for the platform's", async () => {
    expect(await resolver.resolve("nobody-here.localhost")).toMatchObject({ kind: "unknown" });
    expect(await resolver.resolve("localhost:3000")).toEqual({ kind: "platform", hostname: "localhost" });
    expect(await resolver.resolve(null)).toMatchObject({ kind: "unknown" });
  });

  it("sees a new host mapping soon after it is written, though the miss was cached", async () => {
    // A spy that calls through: it only counts the lookups, the database still answers them.
    const lookups = vi.spyOn(pool, "query");
    expect(await resolver.resolve(lateHost)).toMatchObject({ kind: "unknown" });
    expect(await resolver.resolve(lateHost)).toMatchObject({ kind: "unknown" });
    expect(lookups).toHaveBeenCalledTimes(1);

    await owner.hostMapping.create({
      data: { hostname: lateHost, accountId: ids["city-clinic"].accountId, kind: "brand", verified: true },
    });
    await vi.waitFor(
      async () => {
        expect(await resolver.resolve(lateHost)).toMatchObject({
          kind: "brand",
          accountId: ids["city-clinic"].accountId,
          slug: "city-clinic",
        });
      },
      { timeout: 2_000, interval: 50 },
    );
  });

  it("drops a cached brand when its account changes (suspension shows at once)", async () => {
    expect(await resolver.resolve("acme.localhost")).toMatchObject({ status: "active" });
    await owner.account.update({ where: { id: ids.acme.accountId }, data: { status: "suspended" } });
    try {
      await vi.waitFor(
        async () => {
          expect(await resolver.resolve("acme.localhost")).toMatchObject({ status: "suspended" });
        },
        { timeout: 2_000, interval: 50 },
      );
    } finally {
      await owner.account.update({ where: { id: ids.acme.accountId }, data: { status: "active" } });
    }
  });
});
