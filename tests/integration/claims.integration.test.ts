/**
 * Squatting on exact names (issue 7): a verified claim wins, an unverified claim blocks no one else.
 * Tree A (Acme, platform-direct) claims a name it cannot prove; tree B (Bistro, another reseller's
 * child) adds it too, gets its own token, proves it through a real DNS server (dns2 on 127.0.0.1,
 * DOMAIN_DNS_SERVERS) and the name serves B; A's claim is released, audited in A's log naming no one.
 * Two trees checking one name at once never both end verified, whichever path writes.
 */

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startTxtDnsServer } from "@/tests/helpers/txt-dns-server";

// A real DNS server whose zone and gates the tests set. Gated names answer only once two questions
// for them have arrived: two checks of one name then both hold their claim before either answer
// comes, so they meet at the database, not before.
const dns = await startTxtDnsServer();
const { zone, gates } = dns;
const dnsPort = dns.port;

// server/env.ts reads the environment once, at import: point it at the test's DNS server first.
vi.stubEnv("DOMAIN_DNS_SERVERS", `127.0.0.1:${dnsPort}`);
const { TRPCError } = await import("@trpc/server");
const { withTenant } = await import("@/server/db/tenant");
const { HostResolver } = await import("@/server/tenancy/host-resolver");
const { callerAs, trpcError } = await import("@/tests/helpers/callers");
const { connectDemoDatabase } = await import("@/tests/helpers/demo-data");

type Demo = Awaited<ReturnType<typeof connectDemoDatabase>>;
let owner: Demo["owner"];
let app: Demo["app"];
let ids: Demo["ids"];
let pool: pg.Pool;
let resolver: InstanceType<typeof HostResolver>;

const PREFIX = "clm-";
const TEST_IP = "198.51.100.33";
const squat = "clm-squat.example.com";

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 4 }));
  pool = new pg.Pool({ connectionString: inject("appUrl"), max: 2 });
  resolver = new HostResolver(pool, ["localhost"], { ttlMs: 10 * 60_000, developmentSuffixes: ["localhost"] });
});

afterAll(async () => {
  await owner.hostMapping.deleteMany({ where: { hostname: { startsWith: PREFIX } } });
  await owner.auditEntry.deleteMany({ where: { action: { startsWith: "domain." } } });
  await resolver.close();
  await pool.end();
  await Promise.all([owner.$disconnect(), app.$disconnect(), dns.close()]);
  vi.unstubAllEnvs();
});

const acme = () => callerAs(app, { accountId: ids.acme.accountId, userId: ids.acme.ownerUserId }, { ip: TEST_IP });
const bistro = () =>
  callerAs(app, { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId }, { ip: TEST_IP });
const claimsOf = (hostname: string) =>
  owner.hostMapping.findMany({ where: { hostname }, orderBy: { createdAt: "asc" } });
const tokenOf = async (hostname: string, accountId: string) =>
  (await owner.hostMapping.findFirstOrThrow({ where: { hostname, accountId } })).verificationToken;
const publish = async (hostname: string, accountIds: string[]) =>
  zone.set(
    `_portal-verify.${hostname}`,
    await Promise.all(accountIds.map(async (accountId) => `portal-verify=${await tokenOf(hostname, accountId)}`)),
  );
const released = (accountId: string, hostname: string) =>
  owner.auditEntry.findMany({
    where: {
      accountId,
      action: "domain.claim_released",
      details: { path: ["before", "hostname"], equals: hostname },
    },
  });

describe("an unverified claim blocks no one else", () => {
  it("gives a second tree its own claim and token for a name another tree has only claimed", async () => {
    await acme().domains.add({ accountId: ids.acme.accountId, hostname: squat, kind: "brand" });
    const result = await bistro().domains.add({ accountId: ids.bistro.accountId, hostname: squat, kind: "brand" });
    const mine = result.domains.find((domain) => domain.hostname === squat);
    const bistroToken = await tokenOf(squat, ids.bistro.accountId);
    expect(mine).toMatchObject({
      verified: false,
      record: { name: `_portal-verify.${squat}`, type: "TXT", value: `portal-verify=${bistroToken}` },
    });
    expect(bistroToken).not.toBe(await tokenOf(squat, ids.acme.accountId));
    expect((await claimsOf(squat)).map((claim) => [claim.accountId, claim.verified])).toEqual([
      [ids.acme.accountId, false],
      [ids.bistro.accountId, false],
    ]);
    // Neither serves: an unverified name never does, and with two claims none is even named.
    expect(await resolver.resolve(squat)).toEqual({ kind: "unknown", reason: "no account answers on this host" });
    // Each tree sees its own claim only.
    const acmeList = await acme().domains.list({ accountId: ids.acme.accountId });
    expect(acmeList.domains.filter((domain) => domain.hostname === squat)).toHaveLength(1);
  });

  it("serves the tree that verifies first; the other tree's claim is released, audited without naming the winner", async () => {
    // A publishes its own record too: it does not matter, B checks first.
    await publish(squat, [ids.acme.accountId, ids.bistro.accountId]);
    const result = await bistro().domains.verify({ accountId: ids.bistro.accountId, hostname: squat });
    expect(result.domains.find((domain) => domain.hostname === squat)).toMatchObject({
      verified: true,
      verification: "dns",
    });
    expect((await claimsOf(squat)).map((claim) => [claim.accountId, claim.verified])).toEqual([
      [ids.bistro.accountId, true],
    ]);
    await vi.waitFor(
      async () =>
        expect(await resolver.resolve(squat)).toMatchObject({ kind: "brand", accountId: ids.bistro.accountId }),
      { timeout: 3_000, interval: 50 },
    );

    const entries = await released(ids.acme.accountId, squat);
    expect(entries).toMatchObject([
      {
        targetAccountId: ids.acme.accountId,
        actorUserId: null,
        actingAccountId: null,
        ip: null,
        details: {
          before: { hostname: squat, kind: "brand", isPrimary: false },
          reason: "verified_by_another_account",
        },
      },
    ]);
    const text = JSON.stringify(entries);
    for (const word of [ids.bistro.accountId, "bistro", "Bistro", ids.voicereseller.accountId, "VoiceReseller"]) {
      expect(text).not.toContain(word);
    }
    // A reads it in its own audit log, through the API.
    const log = await acme().audit.list({ action: "domain.claim_released", limit: 10 });
    expect(JSON.stringify(log)).not.toMatch(/bistro|voicereseller/i);
    expect(log.items).toHaveLength(1);
    // A's list no longer shows it; checking it finds nothing to check.
    const acmeList = await acme().domains.list({ accountId: ids.acme.accountId });
    expect(acmeList.domains.map((domain) => domain.hostname)).not.toContain(squat);
    expect((await trpcError(acme().domains.verify({ accountId: ids.acme.accountId, hostname: squat }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("refuses the verified name to the other tree, as before, and names below or above it", async () => {
    const before = await owner.hostMapping.findMany({ where: { hostname: { startsWith: PREFIX } } });
    const taken = await trpcError(
      acme().domains.add({ accountId: ids.acme.accountId, hostname: squat, kind: "brand" }),
    );
    expect(taken).toBeInstanceOf(TRPCError);
    expect(taken.code).toBe("CONFLICT");
    expect(taken.message).toBe(`${squat} is already in use by another account.`);
    const below = await trpcError(
      acme().domains.add({ accountId: ids.acme.accountId, hostname: `x.${squat}`, kind: "sip" }),
    );
    expect(below.message).toBe(
      `x.${squat} is under a domain that another account uses; a domain and the names below it belong to one account.`,
    );
    expect(await owner.hostMapping.findMany({ where: { hostname: { startsWith: PREFIX } } })).toEqual(before);
  });

  it("keeps development names first come, first served", async () => {
    await acme().domains.add({ accountId: ids.acme.accountId, hostname: "clm-dev.localhost", kind: "brand" });
    const error = await trpcError(
      bistro().domains.add({ accountId: ids.bistro.accountId, hostname: "clm-dev.localhost", kind: "brand" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("clm-dev.localhost is already in use by another account.");
    expect((await claimsOf("clm-dev.localhost")).map((claim) => claim.accountId)).toEqual([ids.acme.accountId]);
  });
});

describe("two trees checking one name at once", () => {
  it("lets exactly one verify through Check now; the other is told the name is in use", async () => {
    const hostname = "clm-race.example.com";
    await acme().domains.add({ accountId: ids.acme.accountId, hostname, kind: "sip" });
    await bistro().domains.add({ accountId: ids.bistro.accountId, hostname, kind: "sip" });
    // DNS answers with both tokens: only the database can keep them from both winning.
    await publish(hostname, [ids.acme.accountId, ids.bistro.accountId]);
    gates.set(`_portal-verify.${hostname}`, { size: 2, waiting: [] });
    const results = await Promise.allSettled([
      acme().domains.verify({ accountId: ids.acme.accountId, hostname }),
      bistro().domains.verify({ accountId: ids.bistro.accountId, hostname }),
    ]);
    const lost = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ code: "CONFLICT", message: `${hostname} is already in use by another account.` });
    const claims = await claimsOf(hostname);
    expect(claims).toHaveLength(1);
    expect(claims[0]?.verified).toBe(true);
    const loser = claims[0]?.accountId === ids.acme.accountId ? ids.bistro.accountId : ids.acme.accountId;
    expect(await released(loser, hostname)).toHaveLength(1);
  });

  it("lets exactly one mark win past the application's lock too: the database queues the name's claims", async () => {
    const hostname = "clm-race-db.example.com";
    await acme().domains.add({ accountId: ids.acme.accountId, hostname, kind: "sip" });
    await bistro().domains.add({ accountId: ids.bistro.accountId, hostname, kind: "sip" });
    const mark = async (accountId: string) => {
      const token = await tokenOf(hostname, accountId);
      return withTenant(app, accountId, async (tx) => {
        const [row] = await tx.$queryRaw<{ marked: boolean }[]>`
          SELECT app_mark_domain_verified(${hostname}, ${token}) AS marked`;
        return row?.marked;
      });
    };
    const marked = await Promise.all([mark(ids.acme.accountId), mark(ids.bistro.accountId)]);
    expect(marked.toSorted()).toEqual([false, true]);
    const claims = await claimsOf(hostname);
    expect(claims.map((claim) => claim.verified)).toEqual([true]);
  });

  it("keeps one verified claim per name even for the owner (a unique index), and resolves only that one", async () => {
    const hostname = "clm-index.example.com";
    await owner.hostMapping.create({
      data: { hostname, accountId: ids.acme.accountId, kind: "brand", verified: true },
    });
    await expect(
      owner.hostMapping.create({ data: { hostname, accountId: ids.bistro.accountId, kind: "brand", verified: true } }),
    ).rejects.toThrow(/Unique constraint/);
    // Unverified beside it (written past the services): a stale claim that can never verify nor serve.
    await owner.hostMapping.create({ data: { hostname, accountId: ids.bistro.accountId, kind: "brand" } });
    await expect(
      owner.hostMapping.updateMany({ where: { hostname, accountId: ids.bistro.accountId }, data: { verified: true } }),
    ).rejects.toThrow(/Unique constraint/);
    expect(await app.$queryRaw`SELECT account_id, verified FROM app_resolve_host(${hostname})`).toEqual([
      { account_id: ids.acme.accountId, verified: true },
    ]);
  });
});
