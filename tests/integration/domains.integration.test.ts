/**
 * Brand and SIP domains: add, remove, make primary through the procedures; the rules and messages;
 * global uniqueness without revealing the other tenant; the database's own refusals; and host
 * resolution on several server instances seeing each change within seconds.
 */
import { TRPCError } from "@trpc/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { messageOf, problemsOf } from "@/server/api/error-message";
import { withTenant } from "@/server/db/tenant";
import type { HostBrand } from "@/server/tenancy/host-resolver";
import { HostResolver } from "@/server/tenancy/host-resolver";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import {
  connectDemoDatabase,
  createMemberUser,
  type DemoIds,
  type DemoSlug,
  deleteMemberUser,
} from "@/tests/helpers/demo-data";

// Every host name this file creates starts with "dom-", so that it removes exactly those.
const PREFIX = "dom-";
const TEST_IP = "198.51.100.31";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let memberUserId: string;
/** A customer below VoiceReseller with no domains at all (the demo customers have a seeded SIP domain). */
let freshAccountId: string;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 4 }));
  memberUserId = (await createMemberUser(owner, ids.voicereseller.accountId, "domains")).id;
  freshAccountId = (
    await owner.account.create({
      data: {
        slug: "dom-fresh",
        name: "Dom Fresh",
        parentId: ids.voicereseller.accountId,
        planId: "starter",
        maxIn: 0,
        maxOut: 0,
        maxDialer: 0,
      },
    })
  ).id;
});

afterAll(async () => {
  await owner.hostMapping.deleteMany({ where: { hostname: { startsWith: PREFIX } } });
  await owner.auditEntry.deleteMany({ where: { action: { startsWith: "domain." } } });
  await deleteMemberUser(owner, { accountId: ids.voicereseller.accountId, id: memberUserId });
  await owner.auditEntry.deleteMany({ where: { targetAccountId: freshAccountId } });
  await owner.account.delete({ where: { id: freshAccountId } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

function callerOf(slug: DemoSlug, options: { host?: HostBrand; user?: { id: string; role: "member" } } = {}) {
  return callerAs(
    app,
    { accountId: ids[slug].accountId, userId: options.user?.id ?? ids[slug].ownerUserId, role: options.user?.role },
    // Where the account signs in unless told: a reseller's customers never on the platform's host.
    { ...(options.host ? { host: options.host } : {}), ip: TEST_IP },
  );
}
const reseller = () => callerOf("voicereseller");

const hostsOf = (accountId: string) =>
  owner.hostMapping.findMany({ where: { accountId }, orderBy: { hostname: "asc" } });
const domainAudits = (targetAccountId: string) =>
  owner.auditEntry.findMany({
    // originals only: each is also copied to the logs of the account's ancestors
    where: { targetAccountId, action: { startsWith: "domain." }, originAccountId: null },
    orderBy: { createdAt: "asc" },
  });
const everything = async () => ({
  hosts: await owner.hostMapping.findMany({ orderBy: { hostname: "asc" } }),
  audits: await owner.auditEntry.count(),
});

describe("adding a domain", () => {
  it("adds a normalised brand domain to a child; the first of its kind becomes primary, with an audit entry", async () => {
    const clinic = ids["city-clinic"].accountId;
    const result = await reseller().domains.add({
      accountId: clinic,
      hostname: "  DOM-Clinic.Localhost. ",
      kind: "brand",
    });
    expect(result.account).toEqual({ id: clinic, slug: "city-clinic", name: "City Clinic" });
    // Under the development suffix: verified at once, no TXT record to publish.
    expect(result.domains.filter((d) => d.kind === "brand")).toEqual([
      {
        hostname: "dom-clinic.localhost",
        displayName: "dom-clinic.localhost",
        kind: "brand",
        isPrimary: true,
        verified: true,
        verification: "development",
        record: null,
        createdAt: expect.any(Date),
      },
    ]);

    const second = await reseller().domains.add({
      accountId: clinic,
      hostname: "dom-clinic-2.localhost",
      kind: "brand",
    });
    const sip = await reseller().domains.add({ accountId: clinic, hostname: "dom-sip.clinic.example", kind: "sip" });
    expect(second.domains.filter((d) => d.kind === "brand").map((d) => [d.hostname, d.isPrimary])).toEqual([
      ["dom-clinic.localhost", true],
      ["dom-clinic-2.localhost", false],
    ]);
    // A SIP domain is a kind of its own: the seeded one stays primary (the first of a kind becomes
    // primary: see "gives an account exactly one primary" below).
    expect(sip.domains.filter((d) => d.kind === "sip").map((d) => [d.hostname, d.isPrimary])).toEqual(
      expect.arrayContaining([
        ["dom-sip.clinic.example", false],
        ["sip.city-clinic.localhost", true],
      ]),
    );

    const entries = await domainAudits(clinic);
    expect(entries.map((entry) => entry.details)).toEqual([
      { after: { hostname: "dom-clinic.localhost", kind: "brand", isPrimary: true } },
      { after: { hostname: "dom-clinic-2.localhost", kind: "brand", isPrimary: false } },
      { after: { hostname: "dom-sip.clinic.example", kind: "sip", isPrimary: false } },
    ]);
    expect(entries[0]).toMatchObject({
      accountId: clinic,
      actingAccountId: ids.voicereseller.accountId,
      actorUserId: ids.voicereseller.ownerUserId,
      action: "domain.added",
      ip: TEST_IP,
    });
  });

  it("lets an account add its own domains, and lists them", async () => {
    const acme = ids.acme.accountId;
    await callerOf("acme").domains.add({ accountId: acme, hostname: "dom-acme-sip.example.com", kind: "sip" });
    const list = await callerOf("acme").domains.list({ accountId: acme });
    expect(list.domains.map((d) => [d.hostname, d.kind, d.isPrimary, d.verified])).toEqual([
      ["acme.localhost", "brand", true, true],
      ["dom-acme-sip.example.com", "sip", true, false],
    ]);
  });

  it.each<[string, string, string]>([
    ["empty", "   ", "Enter a host name, like portal.example.com."],
    ["a URL", "https://dom-x.example.com", "Enter the host name only, without http:// or https://."],
    ["an IP address", "192.0.2.10", "An IP address cannot be a domain: enter a host name."],
    ["a port", "dom-x.example.com:8080", "Enter the host name without a port."],
    [
      "the platform host",
      "LocalHost",
      "localhost is the platform's own address; use a host name of your own (a subdomain of it works too).",
    ],
    ["one label", "dom-intranet", "A host name needs at least two labels (like portal.example.com)."],
    ["too long", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.dom-${"d".repeat(60)}`, "at most 253"],
    ["a bad label", "dom_x.example.com", '"dom_x" is not a valid host name label'],
    ["invalid punycode", "xn--a.example.com", '"xn--a" is not a valid international host name label (IDNA).'],
    ["punycode of plain ASCII", "xn--dom-.example.com", '"xn--dom-" is not a valid international host name label'],
    ["a mixed-script label", "dom-pаypal.example.com", '"dom-pаypal" mixes Latin and Cyrillic letters'],
    ["a homograph of a tenant's host", "асме.localhost", '"асме" can be mistaken for "acme"'],
    ["a homograph, as punycode", "xn--80akut.localhost", '"асме" can be mistaken for "acme"'],
    ["an invisible character", "dom\u200bx.example.com", "control or invisible characters"],
  ])("refuses %s with its own message, and changes nothing", async (_name, hostname, message) => {
    const before = await everything();
    const error = await trpcError(reseller().domains.add({ accountId: ids.bistro.accountId, hostname, kind: "brand" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(messageOf(problemsOf(error))).toContain(message);
    expect(await everything()).toEqual(before);
  });

  it("refuses an unknown kind", async () => {
    const error = await trpcError(
      reseller().domains.add({
        accountId: ids.bistro.accountId,
        hostname: "dom-kind.example.com",
        kind: "mail" as "brand",
      }),
    );
    expect(messageOf(problemsOf(error))).toBe("kind is brand or sip");
  });

  it("refuses a name another tenant holds, without saying whose it is or what kind", async () => {
    // Held: verified (as Check now does) or a development name. An unverified claim would not
    // block (claims.integration.test.ts).
    await owner.hostMapping.updateMany({ where: { hostname: "dom-acme-sip.example.com" }, data: { verified: true } });
    const before = await everything();
    for (const [hostname, kind] of [
      ["acme.localhost", "sip"],
      ["dom-acme-sip.example.com", "brand"],
      ["ACME.localhost.", "brand"],
    ] as const) {
      const error = await trpcError(reseller().domains.add({ accountId: ids.bistro.accountId, hostname, kind }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe(`${hostname.toLowerCase().replace(/\.$/, "")} is already in use by another account.`);
    }
    // A child asking for its parent's host learns no more than about a stranger's.
    const parents = await trpcError(
      callerOf("bistro").domains.add({
        accountId: ids.bistro.accountId,
        hostname: "voicereseller.localhost",
        kind: "brand",
      }),
    );
    expect(parents.message).toBe("voicereseller.localhost is already in use by another account.");
    expect(await everything()).toEqual(before);
  });

  it("names the account when the name is taken within the tenant's own tree", async () => {
    const error = await trpcError(
      reseller().domains.add({ accountId: ids.bistro.accountId, hostname: "dom-clinic-2.localhost", kind: "sip" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("City Clinic already has dom-clinic-2.localhost as a brand domain.");
    const own = await trpcError(
      reseller().domains.add({
        accountId: ids.voicereseller.accountId,
        hostname: "voicereseller.localhost",
        kind: "brand",
      }),
    );
    expect(own.message).toBe("VoiceReseller Inc. already has voicereseller.localhost as a brand domain.");
  });

  it("lets exactly one of two concurrent adds of the same development name win; the other gets CONFLICT", async () => {
    // First come, first served: a development name counts as verified at once. (Two trees may both
    // claim a name that needs a TXT record: claims.integration.test.ts.)
    const hostname = "dom-race.localhost";
    const results = await Promise.allSettled([
      callerOf("acme").domains.add({ accountId: ids.acme.accountId, hostname, kind: "brand" }),
      reseller().domains.add({ accountId: ids.bistro.accountId, hostname, kind: "brand" }),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeInstanceOf(TRPCError);
    expect(lost[0]).toMatchObject({ code: "CONFLICT", message: `${hostname} is already in use by another account.` });
    expect(await owner.hostMapping.count({ where: { hostname } })).toBe(1);
    const winner = await owner.hostMapping.findFirstOrThrow({ where: { hostname } });
    // The loser's transaction rolled back: no audit entry for it.
    const entries = await owner.auditEntry.findMany({
      where: {
        action: "domain.added",
        details: { path: ["after", "hostname"], equals: hostname },
        originAccountId: null,
      },
    });
    expect(entries.map((entry) => entry.targetAccountId)).toEqual([winner.accountId]);
  });

  it("gives an account exactly one primary when its first domains of a kind are added at once", async () => {
    // An account of this file's own: the demo customers have a seeded SIP domain.
    const fresh = freshAccountId;
    await Promise.all(
      ["dom-sip-a.fresh.example", "dom-sip-b.fresh.example", "dom-sip-c.fresh.example"].map((hostname) =>
        reseller().domains.add({ accountId: fresh, hostname, kind: "sip" }),
      ),
    );
    const sip = (await hostsOf(fresh)).filter((host) => host.kind === "sip");
    expect(sip).toHaveLength(3);
    expect(sip.filter((host) => host.isPrimary)).toHaveLength(1);
  });

  it("refuses a closed account", async () => {
    const closed = await owner.account.create({
      data: {
        slug: "dom-closed",
        name: "Dom Closed",
        parentId: ids.voicereseller.accountId,
        planId: "starter",
        maxIn: 0,
        maxOut: 0,
        maxDialer: 0,
      },
    });
    try {
      await owner.account.update({ where: { id: closed.id }, data: { status: "closed" } });
      const error = await trpcError(
        reseller().domains.add({ accountId: closed.id, hostname: "dom-closed.localhost", kind: "brand" }),
      );
      expect(error.message).toBe("Dom Closed is closed; a closed account gets no new domains.");
    } finally {
      await owner.account.delete({ where: { id: closed.id } });
    }
  });

  it("is refused to a member, whose role cannot manage domains", async () => {
    const member = callerOf("voicereseller", { user: { id: memberUserId, role: "member" } });
    const error = await trpcError(member.domains.list({ accountId: ids.voicereseller.accountId }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("making a domain primary", () => {
  it("moves the primary in one step, recording before and after", async () => {
    const clinic = ids["city-clinic"].accountId;
    const result = await reseller().domains.makePrimary({ accountId: clinic, hostname: "DOM-clinic-2.localhost" });
    expect(result.domains.filter((d) => d.kind === "brand").map((d) => [d.hostname, d.isPrimary])).toEqual([
      ["dom-clinic-2.localhost", true],
      ["dom-clinic.localhost", false],
    ]);
    // The SIP primary is untouched.
    expect(result.domains.filter((d) => d.kind === "sip" && d.isPrimary).map((d) => d.hostname)).toEqual([
      "sip.city-clinic.localhost",
    ]);
    const last = (await domainAudits(clinic)).at(-1);
    expect(last).toMatchObject({
      action: "domain.primary_changed",
      details: {
        before: { primaryBrandDomain: "dom-clinic.localhost" },
        after: { primaryBrandDomain: "dom-clinic-2.localhost" },
      },
    });
    // The branding chain (the portal address shown everywhere) follows.
    const [chain] = await owner.$queryRaw<{ brand_domain: string }[]>`
      SELECT brand_domain FROM app_branding_chain(${clinic}::uuid) WHERE depth = 0`;
    expect(chain?.brand_domain).toBe("dom-clinic-2.localhost");
  });

  it("changes nothing for a domain that is already primary", async () => {
    const clinic = ids["city-clinic"].accountId;
    const before = await domainAudits(clinic);
    await reseller().domains.makePrimary({ accountId: clinic, hostname: "dom-clinic-2.localhost" });
    expect(await domainAudits(clinic)).toHaveLength(before.length);
  });

  it("keeps one primary when two requests move it at once", async () => {
    const clinic = ids["city-clinic"].accountId;
    await Promise.all([
      reseller().domains.makePrimary({ accountId: clinic, hostname: "dom-clinic.localhost" }),
      reseller().domains.makePrimary({ accountId: clinic, hostname: "dom-clinic-2.localhost" }),
    ]);
    const brand = (await hostsOf(clinic)).filter((host) => host.kind === "brand");
    expect(brand.filter((host) => host.isPrimary)).toHaveLength(1);
  });

  it("refuses to make an unverified brand domain primary, and changes nothing", async () => {
    const clinic = ids["city-clinic"].accountId;
    await reseller().domains.add({ accountId: clinic, hostname: "dom-unverified.clinic.example", kind: "brand" });
    const before = await everything();
    const error = await trpcError(
      reseller().domains.makePrimary({ accountId: clinic, hostname: "dom-unverified.clinic.example" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "Verify dom-unverified.clinic.example before making it primary: until then the portal does not answer on it.",
    );
    expect(await everything()).toEqual(before);
    await reseller().domains.remove({ accountId: clinic, hostname: "dom-unverified.clinic.example" });
  });

  it("answers NOT_FOUND for a name the account does not have", async () => {
    const error = await trpcError(
      reseller().domains.makePrimary({ accountId: ids["city-clinic"].accountId, hostname: "dom-acme-sip.example.com" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("City Clinic has no domain dom-acme-sip.example.com.");
  });
});

describe("removing a domain", () => {
  it("removes a domain that is not primary, with an audit entry", async () => {
    const clinic = ids["city-clinic"].accountId;
    await reseller().domains.makePrimary({ accountId: clinic, hostname: "dom-clinic.localhost" });
    const result = await reseller().domains.remove({ accountId: clinic, hostname: "dom-clinic-2.localhost" });
    expect(result.domains.map((d) => d.hostname).filter((hostname) => hostname.startsWith(PREFIX))).toEqual([
      "dom-clinic.localhost",
      "dom-sip.clinic.example",
    ]);
    expect((await domainAudits(clinic)).at(-1)).toMatchObject({
      action: "domain.removed",
      details: { before: { hostname: "dom-clinic-2.localhost", kind: "brand", isPrimary: false } },
    });
  });

  it("refuses the primary while others of its kind remain, then removes it once it is the last", async () => {
    const fresh = freshAccountId;
    const sip = (await hostsOf(fresh)).filter((host) => host.kind === "sip");
    const primary = sip.find((host) => host.isPrimary)?.hostname ?? "";
    const others = sip.filter((host) => !host.isPrimary).map((host) => host.hostname);
    const refused = await trpcError(reseller().domains.remove({ accountId: fresh, hostname: primary }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe(
      `${primary} is the primary SIP domain of Dom Fresh; make another SIP domain primary first.`,
    );
    for (const hostname of others) await reseller().domains.remove({ accountId: fresh, hostname });
    const last = await reseller().domains.remove({ accountId: fresh, hostname: primary });
    expect(last.domains).toEqual([]);
  });

  it("refuses to remove the host the request came in on", async () => {
    const vr = ids.voicereseller.accountId;
    await reseller().domains.add({ accountId: vr, hostname: "dom-vr-2.localhost", kind: "brand" });
    const onThatHost: HostBrand = {
      kind: "brand",
      hostname: "dom-vr-2.localhost",
      accountId: vr,
      slug: "voicereseller",
      isReseller: true,
      status: "active",
    };
    const error = await trpcError(
      callerOf("voicereseller", { host: onThatHost }).domains.remove({ accountId: vr, hostname: "dom-vr-2.localhost" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "You are using the portal at dom-vr-2.localhost: removing it would lock you out. Open the portal at another address to remove it.",
    );
    // From another address it goes.
    await reseller().domains.remove({ accountId: vr, hostname: "dom-vr-2.localhost" });
    expect((await hostsOf(vr)).map((host) => host.hostname)).toEqual(["voicereseller.localhost"]);
  });

  it("answers NOT_FOUND, and removes nothing, for another tenant's host named on one's own account", async () => {
    const before = await everything();
    const error = await trpcError(
      callerOf("acme").domains.remove({ accountId: ids.acme.accountId, hostname: "voicereseller.localhost" }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("Acme Corp has no domain voicereseller.localhost.");
    expect(await everything()).toEqual(before);
  });
});

describe("the database's own rules (whatever code path writes)", () => {
  const row = (hostname: string, accountId: string) => ({ hostname, accountId, kind: "brand" as const });

  it("refuses a direct insert for an account that is not the tenant's or below it", async () => {
    const bistro = ids.bistro.accountId;
    for (const accountId of [ids["city-clinic"].accountId, ids.voicereseller.accountId, ids.acme.accountId]) {
      await expect(
        withTenant(app, bistro, (tx) => tx.hostMapping.create({ data: row("dom-direct.example.com", accountId) })),
      ).rejects.toThrow(/row-level security/);
    }
    expect(await owner.hostMapping.count({ where: { hostname: "dom-direct.example.com" } })).toBe(0);
    // Control: for an account below it, the same insert goes through.
    await withTenant(app, ids.voicereseller.accountId, (tx) =>
      tx.hostMapping.create({ data: row("dom-direct.example.com", bistro) }),
    );
    await owner.hostMapping.deleteMany({ where: { hostname: "dom-direct.example.com" } });
  });

  it("neither updates nor deletes another tenant's rows", async () => {
    const counts = await withTenant(app, ids.bistro.accountId, async (tx) => ({
      updated: await tx.hostMapping.updateMany({ where: { hostname: "acme.localhost" }, data: { isPrimary: false } }),
      deleted: await tx.hostMapping.deleteMany({
        where: { hostname: { in: ["acme.localhost", "voicereseller.localhost"] } },
      }),
      // Bistro's own SIP domain is not another tenant's (and its devices keep it).
      raw: await tx.$executeRaw`DELETE FROM host_map WHERE account_id <> ${ids.bistro.accountId}::uuid`,
    }));
    expect(counts).toEqual({ updated: { count: 0 }, deleted: { count: 0 }, raw: 0 });
    expect(
      await owner.hostMapping.count({ where: { hostname: { in: ["acme.localhost", "voicereseller.localhost"] } } }),
    ).toBe(2);
  });

  it("never lets a tenant mark a domain verified, move it to another account or rename it", async () => {
    const vr = ids.voicereseller.accountId;
    await expect(
      withTenant(app, vr, (tx) =>
        tx.hostMapping.create({ data: { ...row("dom-verified.example.com", vr), verified: true } }),
      ),
    ).rejects.toThrow(/row-level security/);
    for (const data of [
      { verified: true },
      { accountId: ids.bistro.accountId },
      { hostname: "dom-renamed.localhost" },
    ]) {
      await expect(
        withTenant(app, vr, (tx) =>
          tx.hostMapping.updateMany({ where: { hostname: "voicereseller.localhost" }, data }),
        ),
      ).rejects.toThrow(/permission denied/);
    }
    expect(await owner.hostMapping.findFirstOrThrow({ where: { hostname: "voicereseller.localhost" } })).toMatchObject({
      accountId: vr,
      verified: true,
    });
  });

  it("keeps one primary per account and kind, even for the owner", async () => {
    await expect(
      owner.hostMapping.create({
        data: { ...row("dom-second-primary.localhost", ids.acme.accountId), isPrimary: true },
      }),
    ).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("host resolution on several server instances", () => {
  const hostname = "dom-moving.localhost";
  let pools: pg.Pool[] = [];
  let resolvers: HostResolver[] = [];

  beforeAll(() => {
    pools = [0, 1].map(() => new pg.Pool({ connectionString: inject("appUrl"), max: 2 }));
    // A TTL far beyond the waits below: only the change notification can refresh an entry.
    resolvers = pools.map(
      (pool) =>
        new HostResolver(pool, ["localhost", "127.0.0.1"], { ttlMs: 10 * 60_000, developmentSuffixes: ["localhost"] }),
    );
  });

  afterAll(async () => {
    await Promise.all(resolvers.map((resolver) => resolver.close()));
    await Promise.all(pools.map((pool) => pool.end()));
  });

  async function expectEverywhere(expected: Record<string, unknown>) {
    await vi.waitFor(
      async () => {
        for (const resolver of resolvers) expect(await resolver.resolve(`${hostname}:3000`)).toMatchObject(expected);
      },
      { timeout: 3_000, interval: 50 },
    );
  }

  it("sees an added, a removed and a re-added host on every instance, though each had cached the old state", async () => {
    const clinic = ids["city-clinic"].accountId;
    const bistro = ids.bistro.accountId;
    for (const resolver of resolvers) expect(await resolver.resolve(hostname)).toMatchObject({ kind: "unknown" });

    // Cached as unknown -> added: City Clinic.
    await reseller().domains.add({ accountId: clinic, hostname, kind: "brand" });
    await expectEverywhere({ kind: "brand", accountId: clinic, slug: "city-clinic" });

    // Cached as City Clinic -> removed: unknown.
    await reseller().domains.remove({ accountId: clinic, hostname });
    await expectEverywhere({ kind: "unknown" });

    // Cached as City Clinic, then moved to Bistro in one go: Bistro.
    await reseller().domains.add({ accountId: clinic, hostname, kind: "brand" });
    await expectEverywhere({ kind: "brand", accountId: clinic });
    await reseller().domains.remove({ accountId: clinic, hostname });
    await reseller().domains.add({ accountId: bistro, hostname, kind: "brand" });
    await expectEverywhere({ kind: "brand", accountId: bistro, slug: "bistro" });
  });

  it("resolves a new development name at once, never a SIP domain, and no unverified name", async () => {
    const sipHost = "dom-sip-only.localhost";
    await reseller().domains.add({ accountId: ids.bistro.accountId, hostname: sipHost, kind: "sip" });
    for (const resolver of resolvers) expect(await resolver.resolve(sipHost)).toMatchObject({ kind: "unknown" });
    // Stored unverified: only the development suffix makes it count, in the resolver's configuration.
    expect(await owner.hostMapping.findFirstOrThrow({ where: { hostname } })).toMatchObject({ verified: false });
    const strict = new HostResolver(pools[0] as pg.Pool, ["localhost"], { developmentSuffixes: [] });
    try {
      expect(await strict.resolve(hostname)).toEqual({ kind: "unknown", reason: "the host's domain is not verified" });
    } finally {
      await strict.close();
    }

    await reseller().domains.add({
      accountId: ids.bistro.accountId,
      hostname: "dom-www.bistro.example",
      kind: "brand",
    });
    for (const resolver of resolvers) {
      expect(await resolver.resolve("dom-www.bistro.example")).toEqual({
        kind: "unknown",
        reason: "the host's domain is not verified",
      });
    }
  });

  it("stops serving a closed account's hosts on every instance; a suspended account's still resolve", async () => {
    const account = await owner.account.create({
      data: {
        slug: "dom-closing",
        name: "Dom Closing",
        parentId: ids.voicereseller.accountId,
        planId: "starter",
        maxIn: 0,
        maxOut: 0,
        maxDialer: 0,
      },
    });
    const host = "dom-closing.localhost";
    try {
      await reseller().domains.add({ accountId: account.id, hostname: host, kind: "brand" });
      const resolveEverywhere = async (expected: Record<string, unknown>) =>
        vi.waitFor(
          async () => {
            for (const resolver of resolvers) expect(await resolver.resolve(host)).toMatchObject(expected);
          },
          { timeout: 3_000, interval: 50 },
        );
      await resolveEverywhere({ kind: "brand", accountId: account.id, status: "active" });

      // Suspended: the login page still shows (and refuses to sign in, see sign-in tests).
      await reseller().accounts.setStatus({ accountId: account.id, status: "suspended" });
      await resolveEverywhere({ kind: "brand", accountId: account.id, status: "suspended" });

      await reseller().accounts.setStatus({ accountId: account.id, status: "closed" });
      await resolveEverywhere({ kind: "unknown", reason: "no account answers on this host" });
      const [row] = await app.$queryRaw<unknown[]>`SELECT * FROM app_resolve_host(${host})`;
      expect(row).toBeUndefined();
    } finally {
      await owner.hostMapping.deleteMany({ where: { accountId: account.id } });
      await owner.auditEntry.deleteMany({
        where: { OR: [{ accountId: account.id }, { targetAccountId: account.id }] },
      });
      await owner.account.delete({ where: { id: account.id } });
    }
  });
});

describe("names above or below another tree's names", () => {
  it("refuses a name under another tree's domain, and one above it, saying neither whose nor which", async () => {
    await reseller().domains.add({
      accountId: ids.bistro.accountId,
      hostname: "dom-shop.bistro.example",
      kind: "brand",
    });
    // Unverified, the claim blocks nobody (claiming co.uk must not block every name under it) ...
    await callerOf("acme").domains.add({
      accountId: ids.acme.accountId,
      hostname: "dom-x.dom-shop.bistro.example",
      kind: "sip",
    });
    await callerOf("acme").domains.remove({ accountId: ids.acme.accountId, hostname: "dom-x.dom-shop.bistro.example" });
    // ... verified (as Check now does), it does.
    await owner.hostMapping.updateMany({ where: { hostname: "dom-shop.bistro.example" }, data: { verified: true } });
    const before = await everything();
    const refusals: [DemoSlug, string, string, string][] = [
      [
        "acme",
        ids.acme.accountId,
        "x.dom-shop.bistro.example",
        "x.dom-shop.bistro.example is under a domain that another account uses; a domain and the names below it belong to one account.",
      ],
      [
        "acme",
        ids.acme.accountId,
        "bistro.example",
        "Names under bistro.example are in use by another account; a domain and the names below it belong to one account.",
      ],
      // the finding: a subdomain of another tenant's domain
      [
        "voicereseller",
        ids.bistro.accountId,
        "x.acme.localhost",
        "x.acme.localhost is under a domain that another account uses; a domain and the names below it belong to one account.",
      ],
      [
        "bistro",
        ids.bistro.accountId,
        "deep.x.acme.localhost",
        "deep.x.acme.localhost is under a domain that another account uses; a domain and the names below it belong to one account.",
      ],
      // a sibling is another tree too
      [
        "voicereseller",
        ids["city-clinic"].accountId,
        "clinic.dom-shop.bistro.example",
        "clinic.dom-shop.bistro.example is under a domain that another account uses; a domain and the names below it belong to one account.",
      ],
    ];
    for (const [caller, accountId, hostname, message] of refusals) {
      const error = await trpcError(callerOf(caller).domains.add({ accountId, hostname, kind: "brand" }));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe(message);
    }
    expect(await everything()).toEqual(before);
  });

  it("allows names above and below within one account's own line: a reseller hands out names under its own", async () => {
    const vr = ids.voicereseller.accountId;
    await reseller().domains.add({
      accountId: ids.bistro.accountId,
      hostname: "dom-bistro.voicereseller.localhost",
      kind: "brand",
    });
    await reseller().domains.add({ accountId: vr, hostname: "dom-vr.bistro.example", kind: "sip" });
    await reseller().domains.add({ accountId: vr, hostname: "dom-sip.dom-shop.bistro.example", kind: "sip" });
    expect((await hostsOf(vr)).map((host) => host.hostname)).toEqual(
      expect.arrayContaining(["dom-vr.bistro.example", "dom-sip.dom-shop.bistro.example"]),
    );
    await reseller().domains.remove({ accountId: vr, hostname: "dom-sip.dom-shop.bistro.example" });
    await reseller().domains.remove({ accountId: vr, hostname: "dom-vr.bistro.example" });
  });

  it("stores an international name in ASCII form and shows it in its own letters", async () => {
    const result = await reseller().domains.add({
      accountId: ids.bistro.accountId,
      hostname: "dom-bücher.example",
      kind: "sip",
    });
    expect(result.domains.find((domain) => domain.hostname === "xn--dom-bcher-u9a.example")).toMatchObject({
      displayName: "dom-bücher.example",
      verified: false,
    });
    // removed by either form
    await reseller().domains.remove({ accountId: ids.bistro.accountId, hostname: "DOM-BÜCHER.example" });
    expect(await owner.hostMapping.count({ where: { hostname: "xn--dom-bcher-u9a.example" } })).toBe(0);
  });
});

describe("domains per account", () => {
  it("refuses a domain beyond the limit of its kind, counting each kind on its own", async () => {
    const clinic = ids["city-clinic"].accountId;
    const existing = (await hostsOf(clinic)).filter((host) => host.kind === "sip").length;
    for (let i = existing; i < 10; i++) {
      await reseller().domains.add({ accountId: clinic, hostname: `dom-limit-${i}.clinic.example`, kind: "sip" });
    }
    const before = await everything();
    const error = await trpcError(
      reseller().domains.add({ accountId: clinic, hostname: "dom-limit-x.clinic.example", kind: "sip" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "City Clinic has 10 SIP domains, the most an account can have (10). Remove one to add another.",
    );
    expect(await everything()).toEqual(before);
    // Brand domains have a limit of their own.
    await reseller().domains.add({ accountId: clinic, hostname: "dom-limit-brand.clinic.example", kind: "brand" });
    await owner.hostMapping.deleteMany({ where: { hostname: { startsWith: "dom-limit-" } } });
  });
});
