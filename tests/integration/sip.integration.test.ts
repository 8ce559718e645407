/**
 * SIP identities: extensions, devices and their digest credentials, resolveDevice, and the SIP
 * domains they live in. Works in accounts of its own below VoiceReseller (a reseller "SIP Parent"
 * and its customer "SIP Child"), so the demo accounts other files use stay as they were; the seeded
 * 1002 of Bistro and City Clinic is read, never changed.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_SIP_PASSWORD } from "@/prisma/seed";
import { problemsOf } from "@/server/api/error-message";
import { withTenant } from "@/server/db/tenant";
import { digestHa1 } from "@/server/sip/digest";
import { resolveDevice } from "@/server/sip/resolve-device";
import { callerAs } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";
import { loadDemoSipIds } from "@/tests/helpers/sip-demo";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

type Made = { accountId: string; userId: string; memberId: string };
let parent: Made;
let child: Made;
const REALM = "sip.sip-child.localhost";
const OTHER_REALM = "sip2.sip-child.localhost";
const UNVERIFIED_REALM = "sip.sip-child-unverified.example.com";

async function makeAccount(slug: string, parentId: string, isReseller: boolean): Promise<Made> {
  const account = await owner.account.create({
    data: {
      slug,
      name: slug.replace(/-/g, " "),
      parentId,
      isReseller,
      planId: "professional",
      maxIn: 1,
      maxOut: 1,
      maxDialer: 0,
    },
  });
  const user = await owner.user.create({
    data: { accountId: account.id, email: `owner@${slug}.test`, name: "Owner", role: "owner", passwordHash: "unused" },
  });
  const member = await owner.user.create({
    data: {
      accountId: account.id,
      email: `member@${slug}.test`,
      name: "Member",
      role: "member",
      passwordHash: "unused",
    },
  });
  return { accountId: account.id, userId: user.id, memberId: member.id };
}

const ownerOf = (made: Made) => callerAs(app, { accountId: made.accountId, userId: made.userId });

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
    },
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  parent = await makeAccount("sip-parent", ids.voicereseller.accountId, true);
  child = await makeAccount("sip-child", parent.accountId, false);
  await owner.hostMapping.createMany({
    data: [
      { hostname: REALM, accountId: child.accountId, kind: "sip", isPrimary: true, verified: true },
      { hostname: OTHER_REALM, accountId: child.accountId, kind: "sip", verified: true },
      { hostname: UNVERIFIED_REALM, accountId: child.accountId, kind: "sip" },
      {
        hostname: "portal.sip-child.localhost",
        accountId: child.accountId,
        kind: "brand",
        isPrimary: true,
        verified: true,
      },
    ],
  });
});

afterAll(async () => {
  const accounts = [child?.accountId, parent?.accountId].filter(Boolean) as string[];
  for (const accountId of accounts) {
    await owner.schedule.deleteMany({ where: { accountId } });
    await owner.device.deleteMany({ where: { accountId } });
    await owner.extension.deleteMany({ where: { accountId } });
    await owner.hostMapping.deleteMany({ where: { accountId } });
  }
  await owner.auditEntry.deleteMany({ where: { targetAccountId: { in: accounts } } });
  await owner.auditEntry.deleteMany({ where: { accountId: { in: accounts } } });
  for (const accountId of accounts) {
    await owner.user.deleteMany({ where: { accountId } });
    await owner.account.delete({ where: { id: accountId } });
  }
  await owner.$disconnect();
  await app.$disconnect();
});

describe("extensions", () => {
  it("creates, lists in dialling order with search and pages, reads and renames", async () => {
    const caller = ownerOf(child);
    for (const [number, name] of [
      ["300", "Kitchen"],
      ["21", "Bar"],
      ["1000", "Office"],
      ["301", "Terrace"],
    ] as const) {
      await caller.extensions.create({ number, name });
    }
    const first = await caller.extensions.list({ limit: 2 });
    expect(first.accountId).toBe(child.accountId);
    expect(first.items.map((item) => item.number)).toEqual(["21", "300"]);
    expect(first.nextCursor).toBe("300");
    const second = await caller.extensions.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((item) => item.number)).toEqual(["301", "1000"]);
    expect(second.nextCursor).toBeNull();
    expect((await caller.extensions.list({ search: "30" })).items.map((item) => item.number)).toEqual(["300", "301"]);
    expect((await caller.extensions.list({ search: "terr" })).items.map((item) => item.name)).toEqual(["Terrace"]);
    // LIKE's own wildcards match themselves only.
    expect((await caller.extensions.list({ search: "%" })).items).toEqual([]);

    const terrace = second.items[0];
    if (!terrace) throw new Error("no terrace");
    const renamed = await caller.extensions.update({ extensionId: terrace.id, name: "Garden" });
    expect(renamed).toMatchObject({ number: "301", name: "Garden", deviceCount: 0 });
    expect(await caller.extensions.get({ extensionId: terrace.id })).toEqual(renamed);
    const audit = await owner.auditEntry.findMany({
      where: { accountId: child.accountId, action: "extension.updated" },
    });
    expect(audit.map((entry) => entry.details)).toContainEqual({
      id: terrace.id,
      before: { name: "Terrace" },
      after: { name: "Garden" },
    });
  });

  it("refuses a duplicate number at the number field and writes nothing", async () => {
    const caller = ownerOf(child);
    const before = await owner.extension.count({ where: { accountId: child.accountId } });
    const auditBefore = await owner.auditEntry.count({ where: { accountId: child.accountId } });
    const error = await refusal(caller.extensions.create({ number: "300", name: "Again" }));
    expect(error.code).toBe("CONFLICT");
    expect(problemsOf(error)).toEqual([
      { reason: "extension_taken", field: "number", message: expect.stringContaining("300") },
    ]);
    expect(await owner.extension.count({ where: { accountId: child.accountId } })).toBe(before);
    expect(await owner.auditEntry.count({ where: { accountId: child.accountId } })).toBe(auditBefore);

    // Renumbering onto a taken number too.
    const bar = (await caller.extensions.list({ search: "21" })).items[0];
    if (!bar) throw new Error("no bar");
    const renumber = await refusal(caller.extensions.update({ extensionId: bar.id, number: "1000" }));
    expect(problemsOf(renumber)[0]).toMatchObject({ reason: "extension_taken", field: "number" });
    expect((await caller.extensions.get({ extensionId: bar.id })).number).toBe("21");
  });

  it("lets the same number exist in two accounts", async () => {
    // Bistro and City Clinic both have the seeded 1002; here a third account has it too.
    const made = await ownerOf(child).extensions.create({ number: "1002", name: "Reception" });
    expect(made.number).toBe("1002");
  });

  it("lets members read but not write", async () => {
    const member = callerAs(app, { accountId: child.accountId, userId: child.memberId, role: "member" });
    expect((await member.extensions.list({})).items.length).toBeGreaterThan(0);
    expect((await refusal(member.extensions.create({ number: "555", name: "No" }))).code).toBe("FORBIDDEN");
  });
});

describe("realms", () => {
  it("lists the account's SIP domains, primary first, saying which can take devices", async () => {
    expect(await ownerOf(child).devices.realms()).toEqual({
      accountId: child.accountId,
      realms: [
        { hostname: REALM, isPrimary: true, usable: true },
        { hostname: UNVERIFIED_REALM, isPrimary: false, usable: false },
        { hostname: OTHER_REALM, isPrimary: false, usable: true },
      ],
    });
  });
});

describe("devices", () => {
  let extensionId: string;
  let deviceId: string;
  let password: string;

  beforeAll(async () => {
    extensionId = (await ownerOf(child).extensions.create({ number: "2002", name: "Devices" })).id;
  });

  it("creates a device whose password is returned once and stored only as correct HA1 values", async () => {
    const created = await ownerOf(child).devices.create({
      extensionId,
      label: "Desk phone",
      realm: REALM,
      authUsername: "2002",
    });
    ({ password } = created);
    deviceId = created.device.id;
    expect(password).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(created.device).toMatchObject({
      realm: REALM,
      authUsername: "2002",
      status: "active",
      callerIdNumber: null,
    });
    const row = await owner.device.findUniqueOrThrow({
      where: { accountId_id: { accountId: child.accountId, id: deviceId } },
    });
    const expected = digestHa1("2002", REALM, password);
    expect(row.ha1Md5).toBe(expected.md5);
    expect(row.ha1Sha256).toBe(expected.sha256);
    // Nothing stores or reports the password afterwards.
    expect(JSON.stringify(row)).not.toContain(password);
    const listed = await ownerOf(child).devices.list({ extensionId });
    expect(JSON.stringify(listed)).not.toContain(password);
    expect(JSON.stringify(listed)).not.toContain(expected.md5);
    expect(listed.items.map((device) => device.id)).toEqual([deviceId]);
    const audit = await owner.auditEntry.findMany({ where: { accountId: child.accountId } });
    const logged = JSON.stringify(audit);
    expect(logged).toContain("2002@sip.sip-child.localhost");
    expect(logged).not.toContain(password);
    expect(logged).not.toContain(expected.md5);
    expect((await ownerOf(child).extensions.get({ extensionId })).deviceCount).toBe(1);
  });

  it("regenerating replaces the HA1 values: the old password stops working", async () => {
    const old = digestHa1("2002", REALM, password);
    const regenerated = await ownerOf(child).devices.regenerateSecret({ deviceId });
    expect(regenerated.password).not.toBe(password);
    const fresh = digestHa1("2002", REALM, regenerated.password);
    const resolved = await resolveDevice("2002", REALM, app);
    expect(resolved).toMatchObject({ ok: true, resolved: { ha1: { md5: fresh.md5, sha256: fresh.sha256 } } });
    expect(JSON.stringify(resolved)).not.toContain(old.md5);
    expect(JSON.stringify(resolved)).not.toContain(old.sha256);
    password = regenerated.password;
    const audit = await owner.auditEntry.findMany({
      where: { accountId: child.accountId, action: "device.secret_regenerated" },
    });
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(audit).toHaveLength(1);
  });

  it("refuses a username taken in the realm, and allows it in another realm", async () => {
    const caller = ownerOf(child);
    const before = await owner.device.count({ where: { accountId: child.accountId } });
    const error = await refusal(
      caller.devices.create({ extensionId, label: "Again", realm: REALM, authUsername: "2002" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(problemsOf(error)).toEqual([
      { reason: "username_taken", field: "authUsername", message: expect.any(String) },
    ]);
    expect(await owner.device.count({ where: { accountId: child.accountId } })).toBe(before);
    const other = await caller.devices.create({
      extensionId,
      label: "Softphone",
      realm: OTHER_REALM,
      authUsername: "2002",
    });
    expect(other.device.realm).toBe(OTHER_REALM);
  });

  it("refuses a realm that is not a verified SIP domain of the account, at the realm field", async () => {
    const caller = ownerOf(child);
    const cases = [
      [UNVERIFIED_REALM, "realm_unverified"],
      ["portal.sip-child.localhost", "realm_not_found"],
      ["sip.bistro.localhost", "realm_not_found"],
      ["nowhere.example.com", "realm_not_found"],
    ] as const;
    for (const [realm, reason] of cases) {
      const error = await refusal(caller.devices.create({ extensionId, label: "X", realm, authUsername: "x1" }));
      expect(problemsOf(error)[0], realm).toMatchObject({ reason, field: "realm" });
    }
  });

  it("the database refuses a realm of another tenant and a brand domain", async () => {
    const attempt = (realm: string, realmKind: "sip" | "brand" = "sip") =>
      withTenant(app, child.accountId, (tx) =>
        tx.device.create({
          data: {
            accountId: child.accountId,
            extensionId,
            label: "Forged",
            realm,
            realmKind,
            authUsername: "forged",
            ha1Md5: "0".repeat(32),
            ha1Sha256: "0".repeat(64),
          },
        }),
      );
    // City Clinic's realm: the composite foreign key (realm, account_id, kind) has no such row.
    await expect(attempt("sip.city-clinic.localhost")).rejects.toMatchObject({ code: "P2003" });
    await expect(attempt("portal.sip-child.localhost")).rejects.toMatchObject({ code: "P2003" });
    await expect(attempt("portal.sip-child.localhost", "brand")).rejects.toThrow(/devices_realm_is_sip|check/i);
    expect(await owner.device.count({ where: { authUsername: "forged" } })).toBe(0);
  });

  it("shows the account's effective caller ID until the device has its own, read in the account's country", async () => {
    const caller = ownerOf(child);
    await owner.account.update({
      where: { id: parent.accountId },
      data: { defaultCidNumber: "+14155550100", country: "FR" },
    });
    try {
      const [device] = (await caller.devices.list({ extensionId })).items;
      expect(device).toMatchObject({ callerIdNumber: null, effectiveCallerIdNumber: "+14155550100" });
      const own = await caller.devices.update({ deviceId, callerIdNumber: "01 42 68 53 00", label: "Front desk" });
      expect(own).toMatchObject({
        label: "Front desk",
        callerIdNumber: "+33142685300",
        effectiveCallerIdNumber: "+33142685300",
      });
      expect(await resolveDevice("2002", REALM, app)).toMatchObject({
        ok: true,
        resolved: { callerIdNumber: "+33142685300" },
      });
      const bad = await refusal(caller.devices.update({ deviceId, callerIdNumber: "12" }));
      expect(problemsOf(bad)[0]).toMatchObject({ reason: "caller_id_invalid", field: "callerIdNumber" });
      const back = await caller.devices.update({ deviceId, callerIdNumber: null });
      expect(back).toMatchObject({ callerIdNumber: null, effectiveCallerIdNumber: "+14155550100" });
      expect(await resolveDevice("2002", REALM, app)).toMatchObject({
        ok: true,
        resolved: { callerIdNumber: "+14155550100" },
      });
    } finally {
      await owner.account.update({ where: { id: parent.accountId }, data: { defaultCidNumber: null, country: null } });
    }
  });

  it("disables and enables a device, and resolveDevice follows", async () => {
    const caller = ownerOf(child);
    expect((await caller.devices.disable({ deviceId })).status).toBe("disabled");
    expect(await resolveDevice("2002", REALM, app)).toEqual({ ok: false, reason: "device_disabled" });
    // The device in the other realm is another identity, still active.
    expect(await resolveDevice("2002", OTHER_REALM, app)).toMatchObject({ ok: true });
    expect((await caller.devices.enable({ deviceId })).status).toBe("active");
    expect(await resolveDevice("2002", REALM, app)).toMatchObject({
      ok: true,
      resolved: { accountId: child.accountId },
    });
    const actions = (await owner.auditEntry.findMany({ where: { accountId: child.accountId } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(["device.disabled", "device.enabled", "device.updated", "device.created"]),
    );
  });

  it("refuses to remove a SIP domain that devices use, saying how many, to the account and to its reseller", async () => {
    const input = { accountId: child.accountId, hostname: OTHER_REALM };
    for (const caller of [ownerOf(child), ownerOf(parent)]) {
      const error = await refusal(caller.domains.remove(input));
      expect(error.code).toBe("CONFLICT");
      expect(problemsOf(error)).toEqual([
        {
          reason: "domain_has_devices",
          field: "hostname",
          message: expect.stringMatching(/^1 device uses sip2\.sip-child\.localhost/),
        },
      ]);
    }
    expect(await owner.hostMapping.count({ where: { hostname: OTHER_REALM } })).toBe(1);
  });

  it("refuses to delete an extension with devices or that a schedule routes to; deletes it once free", async () => {
    const caller = ownerOf(child);
    const withDevices = await refusal(caller.extensions.delete({ extensionId }));
    expect(withDevices.code).toBe("CONFLICT");
    expect(problemsOf(withDevices)[0]).toMatchObject({
      reason: "extension_has_devices",
      message: expect.stringContaining("2 devices"),
    });

    for (const device of (await caller.devices.list({ extensionId })).items)
      await caller.devices.delete({ deviceId: device.id });
    expect(await resolveDevice("2002", REALM, app)).toBeNull();
    // Once its devices are gone, the domain goes too.
    await caller.domains.remove({ accountId: child.accountId, hostname: OTHER_REALM });

    const schedule = await owner.schedule.create({
      data: { accountId: child.accountId, name: "Opening hours", openExtensionId: extensionId },
    });
    const routed = await refusal(caller.extensions.delete({ extensionId }));
    expect(problemsOf(routed)[0]).toMatchObject({
      reason: "extension_in_use",
      message: expect.stringContaining('"Opening hours"'),
    });
    await owner.schedule.delete({ where: { accountId_id: { accountId: child.accountId, id: schedule.id } } });

    expect(await caller.extensions.delete({ extensionId })).toEqual({ id: extensionId });
    expect((await refusal(caller.extensions.get({ extensionId }))).code).toBe("NOT_FOUND");
  });
});

describe("resolveDevice", () => {
  it("resolves the same username in two realms to two tenants, with the seeded password's HA1", async () => {
    const sip = await loadDemoSipIds(owner);
    const bistro = await resolveDevice("1002", sip.bistro.realm, app);
    const clinic = await resolveDevice("1002", sip["city-clinic"].realm, app);
    expect(bistro).toMatchObject({
      ok: true,
      resolved: {
        accountId: ids.bistro.accountId,
        device: { id: sip.bistro.deviceId, extensionNumber: "1002", authUsername: "1002", realm: sip.bistro.realm },
        ha1: digestHa1("1002", sip.bistro.realm, DEMO_SIP_PASSWORD),
      },
    });
    expect(clinic).toMatchObject({
      ok: true,
      resolved: {
        accountId: ids["city-clinic"].accountId,
        device: { id: sip["city-clinic"].deviceId },
        ha1: digestHa1("1002", sip["city-clinic"].realm, DEMO_SIP_PASSWORD),
      },
    });
    // A realm is matched as a host name: case and a final dot do not matter.
    expect(await resolveDevice("1002", "SIP.Bistro.localhost.", app)).toEqual(bistro);
  });

  it.each([
    ["an unknown username", "9999", "sip.bistro.localhost"],
    ["an unknown realm", "1002", "sip.nowhere.localhost"],
    ["a brand host as the realm", "1002", "voicereseller.localhost"],
    ["a username no device can have", "10 02", "sip.bistro.localhost"],
    ["an empty realm", "1002", ""],
  ])("answers nothing for %s", async (_name, username, realm) => {
    expect(await resolveDevice(username, realm, app)).toBeNull();
  });

  it("refuses a device of an account that is suspended or closed, itself or through an ancestor", async () => {
    const caller = ownerOf(child);
    const extension = await caller.extensions.create({ number: "3003", name: "Status" });
    await caller.devices.create({ extensionId: extension.id, label: "Phone", realm: REALM, authUsername: "3003" });
    expect(await resolveDevice("3003", REALM, app)).toMatchObject({ ok: true });
    const setStatus = (id: string, status: "active" | "suspended" | "closed") =>
      owner.account.update({ where: { id }, data: { status } });
    await setStatus(parent.accountId, "suspended");
    expect(await resolveDevice("3003", REALM, app)).toEqual({ ok: false, reason: "account_suspended" });
    await setStatus(parent.accountId, "active");
    expect(await resolveDevice("3003", REALM, app)).toMatchObject({ ok: true });
    await setStatus(child.accountId, "suspended");
    expect(await resolveDevice("3003", REALM, app)).toEqual({ ok: false, reason: "account_suspended" });
    // Last: a closed account is never reopened.
    await setStatus(child.accountId, "closed");
    expect(await resolveDevice("3003", REALM, app)).toEqual({ ok: false, reason: "account_closed" });
  });
});
