/**
 * Domain verification by a DNS TXT record, end to end: a real DNS server (dns2) on 127.0.0.1 that
 * the portal is configured to ask (DOMAIN_DNS_SERVERS), "Check now" through the procedure, the
 * database's mark, the audit entry, and host resolution on two server instances.
 */
import dgram from "node:dgram";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startTxtDnsServer } from "@/tests/helpers/txt-dns-server";

// The zone the test's DNS server answers from: name -> TXT values. Anything else is NXDOMAIN.
const dns = await startTxtDnsServer();
const { zone } = dns;
const dnsPort = dns.port;

// server/env.ts reads the environment once, at import: point it at the test's DNS server first.
vi.stubEnv("DOMAIN_DNS_SERVERS", `127.0.0.1:${dnsPort}`);
const { withTenant } = await import("@/server/db/tenant");
const { txtLookup } = await import("@/server/domains/dns");
const { verifyDomain } = await import("@/server/domains/verify");
const { DomainError } = await import("@/server/domain-error");
const { HostResolver } = await import("@/server/tenancy/host-resolver");
const { callerAs, trpcError } = await import("@/tests/helpers/callers");
const { connectDemoDatabase } = await import("@/tests/helpers/demo-data");

type Demo = Awaited<ReturnType<typeof connectDemoDatabase>>;
let owner: Demo["owner"];
let app: Demo["app"];
let ids: Demo["ids"];
let pools: pg.Pool[] = [];
let resolvers: InstanceType<typeof HostResolver>[] = [];

const TEST_IP = "198.51.100.32";
const hostname = "dom-portal.clinic.example";
const recordName = `_portal-verify.${hostname}`;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 4 }));
  pools = [0, 1].map(() => new pg.Pool({ connectionString: inject("appUrl"), max: 2 }));
  // A TTL far beyond the test: only the change notification can refresh an entry.
  resolvers = pools.map(
    (pool) => new HostResolver(pool, ["localhost"], { ttlMs: 10 * 60_000, developmentSuffixes: ["localhost"] }),
  );
});

afterAll(async () => {
  await owner.hostMapping.deleteMany({ where: { hostname: { startsWith: "dom-" } } });
  await owner.auditEntry.deleteMany({ where: { action: { startsWith: "domain." } } });
  await Promise.all(resolvers.map((resolver) => resolver.close()));
  await Promise.all(pools.map((pool) => pool.end()));
  await Promise.all([owner.$disconnect(), app.$disconnect(), dns.close()]);
  vi.unstubAllEnvs();
});

const clinic = () => ids["city-clinic"].accountId;
const reseller = () =>
  callerAs(app, { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId }, { ip: TEST_IP });
const checkNow = () => reseller().domains.verify({ accountId: clinic(), hostname });
const stored = () => owner.hostMapping.findFirstOrThrow({ where: { hostname } });
const everything = async () => ({
  hosts: await owner.hostMapping.findMany({ orderBy: { hostname: "asc" } }),
  audits: await owner.auditEntry.count(),
});
const verifiedAudits = () =>
  owner.auditEntry.findMany({
    where: { targetAccountId: clinic(), action: "domain.verified", originAccountId: null },
    orderBy: { createdAt: "asc" },
  });

describe("verification by a DNS TXT record, against a real DNS server", () => {
  it("shows a new domain unverified, with the TXT record to publish, and does not serve it", async () => {
    const result = await reseller().domains.add({ accountId: clinic(), hostname, kind: "brand" });
    const token = (await stored()).verificationToken;
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(result.domains.find((domain) => domain.hostname === hostname)).toMatchObject({
      verified: false,
      verification: null,
      record: { name: recordName, type: "TXT", value: `portal-verify=${token}` },
    });
    for (const resolver of resolvers) {
      expect(await resolver.resolve(hostname)).toEqual({
        kind: "unknown",
        reason: "the host's domain is not verified",
      });
    }
  });

  it("keeps it unverified, with a clear message, while the record is absent", async () => {
    const before = await everything();
    const error = await trpcError(checkNow());
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      `No TXT record found at ${recordName}. Publish it with the value portal-verify=${(await stored()).verificationToken}, then check again (DNS changes can take a while to appear).`,
    );
    expect(await everything()).toEqual(before);
  });

  it("keeps it unverified when the record holds another value", async () => {
    zone.set(recordName, ["portal-verify=ffffffffffffffffffffffffffffffff", "v=spf1 -all"]);
    const before = await everything();
    const error = await trpcError(checkNow());
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      `The TXT record at ${recordName} does not hold this domain's value: set it to portal-verify=${(await stored()).verificationToken}, then check again.`,
    );
    expect(await everything()).toEqual(before);
  });

  it("says when DNS does not answer", async () => {
    // A port nothing listens on any more: the look-up is refused, it finds no record.
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
    const unused = socket.address().port;
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    const actor = {
      accountId: ids.voicereseller.accountId,
      userId: ids.voicereseller.ownerUserId,
      userAccountId: ids.voicereseller.accountId,
      ip: TEST_IP,
    };
    const error = await withTenant(app, ids.voicereseller.accountId, (tx) =>
      verifyDomain(
        tx,
        actor,
        { accountId: clinic(), hostname },
        { developmentSuffixes: ["localhost"] },
        txtLookup([`127.0.0.1:${unused}`]),
      ),
    ).then(
      () => new Error("expected the check to be refused"),
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /^The DNS look-up of _portal-verify\.dom-portal\.clinic\.example failed \(E[A-Z]+\)\. Try again in a few minutes\.$/,
      ),
    });
    expect((await stored()).verified).toBe(false);
  });

  it("verifies it when the record holds its token: audited, and served by every instance at once", async () => {
    const token = (await stored()).verificationToken;
    zone.set(recordName, ["v=spf1 -all", `portal-verify=${token}`]);
    // Cached as unknown on both instances first.
    for (const resolver of resolvers) expect(await resolver.resolve(hostname)).toMatchObject({ kind: "unknown" });

    const result = await checkNow();
    expect(result.domains.find((domain) => domain.hostname === hostname)).toMatchObject({
      verified: true,
      verification: "dns",
      record: null,
    });
    expect((await stored()).verified).toBe(true);
    expect(await verifiedAudits()).toMatchObject([
      {
        actorUserId: ids.voicereseller.ownerUserId,
        actingAccountId: ids.voicereseller.accountId,
        ip: TEST_IP,
        details: { before: { hostname, kind: "brand", verified: false }, after: { verified: true } },
      },
    ]);
    await vi.waitFor(
      async () => {
        for (const resolver of resolvers) {
          expect(await resolver.resolve(hostname)).toMatchObject({ kind: "brand", accountId: clinic() });
        }
      },
      { timeout: 3_000, interval: 50 },
    );

    // Checking again changes nothing: no look-up needed (the record may go), no second entry.
    zone.delete(recordName);
    await checkNow();
    expect(await verifiedAudits()).toHaveLength(1);
  });

  it("gives a name added again a new token: the old record does not verify the new claim", async () => {
    const oldToken = (await stored()).verificationToken;
    await reseller().domains.remove({ accountId: clinic(), hostname });
    await reseller().domains.add({ accountId: clinic(), hostname, kind: "brand" });
    expect((await stored()).verificationToken).not.toBe(oldToken);
    zone.set(recordName, [`portal-verify=${oldToken}`]);
    const error = await trpcError(checkNow());
    expect(error.message).toContain("does not hold this domain's value");
    expect((await stored()).verified).toBe(false);
  });

  it("refuses to verify a name once another tree has verified one below it; the first verified keeps it", async () => {
    const nest = "dom-nest.example";
    const nestRecord = `_portal-verify.${nest}`;
    await reseller().domains.add({ accountId: ids.bistro.accountId, hostname: nest, kind: "brand" });
    const acme = callerAs(app, { accountId: ids.acme.accountId, userId: ids.acme.ownerUserId });
    // Both unverified: the second claim is allowed ...
    await acme.domains.add({ accountId: ids.acme.accountId, hostname: `dom-a.${nest}`, kind: "sip" });
    // ... and the one below is verified first (the zone's owner published its record).
    await owner.hostMapping.updateMany({ where: { hostname: `dom-a.${nest}` }, data: { verified: true } });
    const token = (await owner.hostMapping.findFirstOrThrow({ where: { hostname: nest } })).verificationToken;
    zone.set(nestRecord, [`portal-verify=${token}`]);
    const before = await everything();
    const error = await trpcError(reseller().domains.verify({ accountId: ids.bistro.accountId, hostname: nest }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(
      "Names under dom-nest.example are in use by another account; a domain and the names below it belong to one account.",
    );
    expect(await everything()).toEqual(before);
    zone.delete(nestRecord);
  });

  it("has nothing to check for a development name, and answers NOT_FOUND for another tree's name", async () => {
    const list = await reseller().domains.verify({
      accountId: ids.voicereseller.accountId,
      hostname: "voicereseller.localhost",
    });
    expect(list.domains[0]).toMatchObject({ hostname: "voicereseller.localhost", verified: true });
    const acme = callerAs(app, { accountId: ids.acme.accountId, userId: ids.acme.ownerUserId });
    const error = await trpcError(acme.domains.verify({ accountId: ids.acme.accountId, hostname }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("lets no tenant mark a domain verified past the look-up, nor another tree's domain at all", async () => {
    const token = (await stored()).verificationToken;
    // Not the tenant's tree: the database refuses to mark it, whatever the token.
    const foreign = await withTenant(
      app,
      ids.acme.accountId,
      (tx) => tx.$queryRaw<{ marked: boolean }[]>`SELECT app_mark_domain_verified(${hostname}, ${token}) AS marked`,
    );
    expect(foreign).toEqual([{ marked: false }]);
    // A wrong token: nothing either.
    const wrong = await withTenant(
      app,
      ids.voicereseller.accountId,
      (tx) =>
        tx.$queryRaw<{ marked: boolean }[]>`SELECT app_mark_domain_verified(${hostname}, ${"0".repeat(32)}) AS marked`,
    );
    expect(wrong).toEqual([{ marked: false }]);
    // The token is the database's: no tenant can set its own.
    await expect(
      withTenant(app, ids.voicereseller.accountId, (tx) =>
        tx.hostMapping.updateMany({ where: { hostname }, data: { verificationToken: "0".repeat(32) } }),
      ),
    ).rejects.toThrow(/permission denied/);
    expect(await stored()).toMatchObject({ verified: false, verificationToken: token });
  });
});
