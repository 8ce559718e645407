/**
 * Sign-in (the narrow, pre-tenant service path) and host resolution against the real database.
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { BAD_CREDENTIALS, type SignInResult, signIn } from "@/server/auth/sign-in";
import { AttemptThrottle } from "@/server/auth/throttle";
import { createPrismaClient } from "@/server/db/client";
import type { HostBrand } from "@/server/tenancy/host-resolver";
import { HostResolver } from "@/server/tenancy/host-resolver";
import { type DemoIds, loadDemoIds } from "@/tests/helpers/demo-data";

// Every sign-in here comes from this documentation address, so the audit rows this file causes
// can be found and removed.
const TEST_IP = "192.0.2.44";
const PLATFORM_HOSTS = ["localhost", "127.0.0.1"];

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let password: string;
let resellerHost: HostBrand;

/** Fresh throttles, the production limits: one test's attempts never count against another's. */
function freshThrottles() {
  return {
    perAccountEmail: new AttemptThrottle({ limit: 10, windowMs: 15 * 60_000 }),
    perIp: new AttemptThrottle({ limit: 100, windowMs: 15 * 60_000 }),
  };
}

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

function signInAttempt(input: { email: string; password: string; tenant: string }, host = resellerHost) {
  return signIn(app, host, input, TEST_IP, freshThrottles());
}

const signInAudits = (accountId: string) =>
  owner.auditEntry.count({ where: { accountId, action: "auth.sign_in", ip: TEST_IP } });

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

afterAll(async () => {
  await owner.auditEntry.deleteMany({ where: { ip: TEST_IP } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("signIn", () => {
  it("signs a child account's owner in on the reseller's host and audits it", async () => {
    const before = await signInAudits(ids.bistro.accountId);
    const result = await signInAttempt({ email: "Owner@Bistro.test ", password, tenant: "bistro" });
    expect(result).toEqual({
      ok: true,
      user: { userId: ids.bistro.ownerUserId, accountId: ids.bistro.accountId, role: "owner" },
    });
    const entries = await owner.auditEntry.findMany({
      where: { accountId: ids.bistro.accountId, action: "auth.sign_in", ip: TEST_IP },
      orderBy: { createdAt: "desc" },
    });
    expect(entries).toHaveLength(before + 1);
    expect(entries[0]).toMatchObject({
      actorUserId: ids.bistro.ownerUserId,
      details: { host: "voicereseller.localhost" },
    });
  });

  it("answers a wrong password and an unknown email with the same code and message", async () => {
    const wrong = await expectFailure(
      signInAttempt({ email: ids.bistro.ownerEmail, password: "not-the-password", tenant: "bistro" }),
      "BAD_CREDENTIALS",
    );
    const unknown = await expectFailure(
      signInAttempt({ email: "nobody@bistro.test", password, tenant: "bistro" }),
      "BAD_CREDENTIALS",
    );
    expect(wrong).toEqual({ ok: false, code: "BAD_CREDENTIALS", message: BAD_CREDENTIALS });
    expect(unknown).toEqual(wrong);
  });

  it("answers an unknown tenant with UNKNOWN_TENANT", async () => {
    await expectFailure(
      signInAttempt({ email: ids.bistro.ownerEmail, password, tenant: "no-such-tenant" }),
      "UNKNOWN_TENANT",
    );
  });

  it("rejects a malformed tenant slug with a message that says what a tenant looks like", async () => {
    const result = await expectFailure(
      signInAttempt({ email: ids.bistro.ownerEmail, password, tenant: "Bad Slug!" }),
      "INVALID_INPUT",
    );
    expect(result).toMatchObject({ message: expect.stringMatching(/3 to 40 lowercase letters/) });
  });

  it("does not sign an account in on a brand host it is not below", async () => {
    // Right password, right tenant, wrong portal: acme is platform-direct, not voicereseller's.
    const result = await expectFailure(
      signInAttempt({ email: ids.acme.ownerEmail, password, tenant: "acme" }),
      "UNKNOWN_TENANT",
      ids.acme.accountId,
    );
    expect(result).toMatchObject({ message: expect.stringContaining('"acme"') });
    // Control: the same credentials work on acme's own host.
    const acmeHost = await brandHost("acme.localhost");
    const onOwnHost = await signInAttempt({ email: ids.acme.ownerEmail, password, tenant: "acme" }, acmeHost);
    expect(onOwnHost).toMatchObject({ ok: true, user: { accountId: ids.acme.accountId } });
  });

  it("refuses a suspended account with ACCOUNT_INACTIVE", async () => {
    await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "suspended" } });
    try {
      const result = await expectFailure(
        signInAttempt({ email: ids.bistro.ownerEmail, password, tenant: "bistro" }),
        "ACCOUNT_INACTIVE",
      );
      expect(result).toMatchObject({ message: expect.stringContaining("suspended") });
    } finally {
      await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "active" } });
    }
  });

  it("throttles the 11th attempt for one tenant and email, even with the right password", async () => {
    const throttles = freshThrottles();
    const attempt = (pw: string) =>
      signIn(app, resellerHost, { email: ids.bistro.ownerEmail, password: pw, tenant: "bistro" }, TEST_IP, throttles);
    for (let i = 1; i <= 10; i += 1) {
      expect(await attempt("wrong-password"), `attempt ${i}`).toMatchObject({ code: "BAD_CREDENTIALS" });
    }
    await expectFailure(attempt(password), "THROTTLED");
    // Another email of the same tenant has its own window.
    const other = await signIn(
      app,
      resellerHost,
      { email: "someone-else@bistro.test", password, tenant: "bistro" },
      TEST_IP,
      throttles,
    );
    expect(other).toMatchObject({ code: "BAD_CREDENTIALS" });
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
