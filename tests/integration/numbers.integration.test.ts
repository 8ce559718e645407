/**
 * Numbers: a reseller's pool, assigning numbers below and taking them back, routing a number to a
 * destination of its holder, and the database's own refusals (composite foreign keys, policies,
 * grants). National input is read with the account's effective country.
 */
import { isValidPhoneNumber } from "libphonenumber-js/max";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { DEMO_NUMBERS } from "@/prisma/seed";
import { problemsOf } from "@/server/api/error-message";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { addToPool } from "@/server/numbers/pool";
import { listDestinations } from "@/server/routing/destinations";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import {
  connectDemoDatabase,
  createMemberUser,
  type DemoIds,
  type DemoSlug,
  deleteMemberUser,
} from "@/tests/helpers/demo-data";

const BISTRO_NUMBER = "+33199001234";
const FREE_NUMBER = "+12125550124";
// Numbers this file adds to the pool; removed at the end.
const ADDED = ["+12125550126", "+12125550127"];

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let memberUserId: string;
let bistroExtension: string;
let bistroDepartment: string;
let clinicExtension: string;
let bistroSchedule: string;

const callerOf = (slug: DemoSlug, userId?: string) =>
  callerAs(app, { accountId: ids[slug].accountId, userId: userId ?? ids[slug].ownerUserId });

const numberRow = (e164: string) => owner.phoneNumber.findUniqueOrThrow({ where: { e164 } });
const numberAudits = () =>
  owner.auditEntry.findMany({
    where: { action: { startsWith: "number." }, originAccountId: null },
    orderBy: { createdAt: "asc" },
  });
const everything = async () => ({
  numbers: await owner.phoneNumber.findMany({ orderBy: { e164: "asc" } }),
  audits: await owner.auditEntry.count(),
});

/** Puts the demo numbers back as the seed left them. */
async function restoreDemoNumbers() {
  const pool = ids.voicereseller.accountId;
  for (const e164 of DEMO_NUMBERS.numbers) {
    const holder = DEMO_NUMBERS.assigned[e164];
    await owner.phoneNumber.update({
      where: { e164 },
      data: {
        accountId: holder ? ids[holder as DemoSlug].accountId : pool,
        routeExtensionId: null,
        routeDepartmentId: null,
        routeScheduleId: null,
      },
    });
  }
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 4 }));
  memberUserId = (await createMemberUser(owner, ids.bistro.accountId, "numbers")).id;
  bistroExtension = (
    await owner.extension.create({ data: { accountId: ids.bistro.accountId, number: "1042", name: "Front desk" } })
  ).id;
  bistroDepartment = (
    await owner.department.create({ data: { accountId: ids.bistro.accountId, name: "Numbers test kitchen" } })
  ).id;
  bistroSchedule = (
    await owner.schedule.create({
      data: { accountId: ids.bistro.accountId, name: "Numbers test hours", openExtensionId: bistroExtension },
    })
  ).id;
  clinicExtension = (
    await owner.extension.create({
      data: { accountId: ids["city-clinic"].accountId, number: "1042", name: "Reception" },
    })
  ).id;
});

afterAll(async () => {
  await restoreDemoNumbers();
  await owner.phoneNumber.deleteMany({ where: { e164: { in: ADDED } } });
  await owner.auditEntry.deleteMany({ where: { action: { startsWith: "number." } } });
  await owner.schedule.deleteMany({ where: { id: bistroSchedule } });
  await owner.extension.deleteMany({ where: { id: { in: [bistroExtension, clinicExtension] } } });
  await owner.department.deleteMany({ where: { id: bistroDepartment } });
  await deleteMemberUser(owner, { accountId: ids.bistro.accountId, id: memberUserId });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("the demo pool", () => {
  it("is VoiceReseller's: valid numbers, one of them held by Bistro", async () => {
    const rows = await owner.phoneNumber.findMany({ where: { poolAccountId: ids.voicereseller.accountId } });
    expect(rows.map((row) => row.e164).sort()).toEqual([...DEMO_NUMBERS.numbers].sort());
    for (const row of rows) expect(isValidPhoneNumber(row.e164), row.e164).toBe(true);
    expect((await numberRow(BISTRO_NUMBER)).accountId).toBe(ids.bistro.accountId);
  });
});

describe("adding numbers to a pool (the platform)", () => {
  it("reads national input in the reseller's country and stores E.164, with an audit entry", async () => {
    // VoiceReseller's country is the US.
    const added = await addToPool(owner, { poolAccountId: ids.voicereseller.accountId, number: "(212) 555-0126" });
    expect(added.e164).toBe("+12125550126");
    const row = await numberRow("+12125550126");
    expect(row).toMatchObject({ accountId: ids.voicereseller.accountId, poolAccountId: ids.voicereseller.accountId });
    expect((await numberAudits()).at(-1)).toMatchObject({
      action: "number.added_to_pool",
      accountId: ids.voicereseller.accountId,
      actorUserId: null,
      details: { number: "+12125550126" },
    });
  });

  it("refuses a malformed number as invalid_number at the field, writing nothing", async () => {
    const before = await everything();
    for (const number of ["12", "01 99 00 12 34", "+1 212 555 01", "call me"]) {
      const error = await addToPool(owner, { poolAccountId: ids.voicereseller.accountId, number }).catch((e) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error.problems).toEqual([{ reason: "invalid_number", field: "number", message: expect.any(String) }]);
    }
    expect(await everything()).toEqual(before);
  });

  it("refuses a number that is in a pool already, however it is typed", async () => {
    const before = await everything();
    const error = await addToPool(owner, {
      poolAccountId: ids.voicereseller.accountId,
      number: "+33 1 99 00 12 34",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe("CONFLICT");
    expect(error.problems).toEqual([{ reason: "number_taken", field: "number", message: expect.any(String) }]);
    expect(await everything()).toEqual(before);
  });

  it("gives a pool only to a reseller", async () => {
    const error = await addToPool(owner, { poolAccountId: ids.bistro.accountId, number: "+12125550127" }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: "NOT_FOUND", reason: "account_not_found" });
  });
});

describe("numbers.list", () => {
  it("shows the holder its numbers, formatted for its country, unrouted", async () => {
    const page = await callerOf("bistro").numbers.list({});
    expect(page).toEqual({
      view: "account",
      items: [
        {
          id: expect.any(String),
          e164: BISTRO_NUMBER,
          international: "+33 1 99 00 12 34",
          national: "01 99 00 12 34",
          route: null,
        },
      ],
      nextCursor: null,
    });
    expect((await callerOf("city-clinic").numbers.list({})).items).toEqual([]);
  });

  it("finds a number typed nationally (Bistro is in France), or by some digits", async () => {
    const bistro = callerOf("bistro");
    expect((await bistro.numbers.list({ search: "01 99 00 12 34" })).items.map((n) => n.e164)).toEqual([BISTRO_NUMBER]);
    expect((await bistro.numbers.list({ search: "00 12" })).items.map((n) => n.e164)).toEqual([BISTRO_NUMBER]);
    expect((await bistro.numbers.list({ search: "555" })).items).toEqual([]);
    expect((await bistro.numbers.list({ search: "kitchen" })).items).toEqual([]);
  });

  it("shows a reseller its pool with each number's holder, in pages", async () => {
    const reseller = callerOf("voicereseller");
    const all = await reseller.numbers.list({ view: "pool", limit: 100 });
    if (all.view !== "pool") throw new Error("expected the pool view");
    const bistro = all.items.find((item) => item.e164 === BISTRO_NUMBER);
    expect(bistro?.holder).toEqual({ id: ids.bistro.accountId, slug: "bistro", name: "Bistro Group" });
    // Formatted for its holder's country: France for Bistro's, the US for the reseller's own.
    expect(bistro?.national).toBe("01 99 00 12 34");
    expect(all.items.find((item) => item.e164 === FREE_NUMBER)).toMatchObject({
      holder: null,
      international: "+1 212 555 0124",
      national: "(212) 555-0124",
    });
    expect(all.items.find((item) => item.e164 === "+33199001235")?.national).toBeNull();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reseller.numbers.list({ view: "pool", limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.e164));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.e164));

    const byHolder = await reseller.numbers.list({ view: "pool", search: "bistro" });
    expect(byHolder.items.map((item) => item.e164)).toEqual([BISTRO_NUMBER]);
    // Its own view: the numbers it holds itself.
    const own = await reseller.numbers.list({ limit: 100 });
    expect(own.items.map((item) => item.e164)).not.toContain(BISTRO_NUMBER);
  });

  it("has no pool for an account that is not a reseller", async () => {
    const error = await trpcError(callerOf("bistro").numbers.list({ view: "pool" }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("numbers.get", () => {
  it("answers the holder, and NOT_FOUND to anyone else, the pool's reseller included", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    expect((await callerOf("bistro").numbers.get({ numberId: id })).e164).toBe(BISTRO_NUMBER);
    for (const slug of ["city-clinic", "voicereseller", "acme"] as const) {
      const error = await trpcError(callerOf(slug).numbers.get({ numberId: id }));
      expect(error.code).toBe("NOT_FOUND");
      expect(problemsOf(error)).toEqual([
        { reason: "number_not_found", field: "numberId", message: expect.any(String) },
      ]);
    }
  });
});

describe("routing", () => {
  it("lists the account's destinations with their labels", async () => {
    const destinations = await withTenant(app, ids.bistro.accountId, (tx) =>
      listDestinations(tx, ids.bistro.accountId),
    );
    expect(destinations).toEqual(
      expect.arrayContaining([
        { kind: "extension", id: bistroExtension, label: "1042 · Front desk" },
        { kind: "department", id: bistroDepartment, label: "Numbers test kitchen" },
        { kind: "schedule", id: bistroSchedule, label: "Numbers test hours" },
      ]),
    );
    expect(destinations.map((destination) => destination.id)).not.toContain(clinicExtension);
    const answer = await callerOf("bistro").numbers.destinations();
    expect(answer.accountId).toBe(ids.bistro.accountId);
    expect(answer.items).toEqual(destinations);
  });

  it("routes the holder's number to its extension, then a department, then the default, each audited", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    const bistro = callerOf("bistro");
    const routed = await bistro.numbers.route({
      numberId: id,
      destination: { kind: "extension", id: bistroExtension },
    });
    expect(routed.route).toEqual({ kind: "extension", id: bistroExtension, label: "1042 · Front desk" });
    expect(await numberRow(BISTRO_NUMBER)).toMatchObject({
      routeExtensionId: bistroExtension,
      routeDepartmentId: null,
    });

    const department = await bistro.numbers.route({
      numberId: id,
      destination: { kind: "department", id: bistroDepartment },
    });
    expect(department.route?.label).toBe("Numbers test kitchen");
    expect(await numberRow(BISTRO_NUMBER)).toMatchObject({
      routeExtensionId: null,
      routeDepartmentId: bistroDepartment,
    });

    const schedule = await bistro.numbers.route({
      numberId: id,
      destination: { kind: "schedule", id: bistroSchedule },
    });
    expect(schedule.route).toEqual({ kind: "schedule", id: bistroSchedule, label: "Numbers test hours" });
    expect(await numberRow(BISTRO_NUMBER)).toMatchObject({ routeDepartmentId: null, routeScheduleId: bistroSchedule });

    expect((await bistro.numbers.route({ numberId: id, destination: null })).route).toBeNull();
    expect(await numberRow(BISTRO_NUMBER)).toMatchObject({
      routeExtensionId: null,
      routeDepartmentId: null,
      routeScheduleId: null,
    });
    const audits = (await numberAudits()).filter((entry) => entry.action === "number.routed");
    expect(audits.at(-4)).toMatchObject({
      accountId: ids.bistro.accountId,
      actorUserId: ids.bistro.ownerUserId,
      details: {
        number: BISTRO_NUMBER,
        before: { route: null },
        after: { route: { kind: "extension", id: bistroExtension, label: "1042 · Front desk" } },
      },
    });
  });

  it("refuses another tenant's destination through the procedure: NOT_FOUND at the field, nothing written", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    const before = await everything();
    const error = await trpcError(
      callerOf("bistro").numbers.route({ numberId: id, destination: { kind: "extension", id: clinicExtension } }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(problemsOf(error)).toEqual([
      { reason: "destination_not_found", field: "destination.id", message: "Your account has no such extension." },
    ]);
    expect(await everything()).toEqual(before);
  });

  it("refuses another tenant's destination in the database itself (composite foreign key), even for the owner role", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    const asBistro = withTenant(
      app,
      ids.bistro.accountId,
      (tx) => tx.$executeRaw`UPDATE numbers SET route_extension_id = ${clinicExtension}::uuid WHERE id = ${id}::uuid`,
    );
    await expect(asBistro).rejects.toThrow(/numbers_route_extension|foreign key/i);
    await expect(
      owner.$executeRaw`UPDATE numbers SET route_extension_id = ${clinicExtension}::uuid WHERE id = ${id}::uuid`,
    ).rejects.toThrow(/numbers_route_extension|foreign key/i);
    // Two destinations at once is not a route either.
    await expect(
      owner.$executeRaw`UPDATE numbers SET route_extension_id = ${bistroExtension}::uuid,
        route_department_id = ${bistroDepartment}::uuid WHERE id = ${id}::uuid`,
    ).rejects.toThrow(/numbers_one_route|check constraint/i);
    expect((await numberRow(BISTRO_NUMBER)).routeExtensionId).toBeNull();
  });

  it("answers NOT_FOUND for a number the caller does not hold, and FORBIDDEN to a member", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    const clinic = await trpcError(
      callerOf("city-clinic").numbers.route({ numberId: id, destination: { kind: "extension", id: clinicExtension } }),
    );
    expect(clinic.code).toBe("NOT_FOUND");
    const reseller = await trpcError(callerOf("voicereseller").numbers.route({ numberId: id, destination: null }));
    expect(reseller.code).toBe("NOT_FOUND");
    const member = await trpcError(callerOf("bistro", memberUserId).numbers.route({ numberId: id, destination: null }));
    expect(member.code).toBe("FORBIDDEN");
    // A member still sees the account's numbers.
    expect((await callerOf("bistro", memberUserId).numbers.list({})).items).toHaveLength(1);
  });
});

describe("assigning and taking back", () => {
  it("assigns a free pool number to an account below, audited on that account", async () => {
    const { id } = await numberRow(FREE_NUMBER);
    const assigned = await callerOf("voicereseller").numbers.assign({
      numberId: id,
      accountId: ids["city-clinic"].accountId,
    });
    expect(assigned.holder).toEqual({ id: ids["city-clinic"].accountId, slug: "city-clinic", name: "City Clinic" });
    expect((await numberRow(FREE_NUMBER)).accountId).toBe(ids["city-clinic"].accountId);
    expect((await callerOf("city-clinic").numbers.list({})).items.map((n) => n.e164)).toEqual([FREE_NUMBER]);
    expect((await numberAudits()).at(-1)).toMatchObject({
      action: "number.assigned",
      accountId: ids["city-clinic"].accountId,
      actingAccountId: ids.voicereseller.accountId,
      details: { number: FREE_NUMBER, after: { holder: "City Clinic" } },
    });
    // Again to the same holder: nothing to do.
    const count = await owner.auditEntry.count();
    await callerOf("voicereseller").numbers.assign({ numberId: id, accountId: ids["city-clinic"].accountId });
    expect(await owner.auditEntry.count()).toBe(count);
  });

  it("refuses an account that is not below the reseller (NOT_FOUND at accountId), and a number someone holds", async () => {
    const reseller = callerOf("voicereseller");
    const free = await numberRow("+12125550125");
    const before = await everything();
    for (const accountId of [ids.acme.accountId, ids.voicereseller.accountId]) {
      const error = await trpcError(reseller.numbers.assign({ numberId: free.id, accountId }));
      expect(error.code).toBe("NOT_FOUND");
      expect(problemsOf(error)).toEqual([
        { reason: "account_not_found", field: "accountId", message: expect.any(String) },
      ]);
    }
    const held = await numberRow(BISTRO_NUMBER);
    const taken = await trpcError(
      reseller.numbers.assign({ numberId: held.id, accountId: ids["city-clinic"].accountId }),
    );
    expect(taken.code).toBe("CONFLICT");
    expect(problemsOf(taken)).toEqual([
      {
        reason: "number_assigned",
        field: "numberId",
        message: "+33199001234 is assigned to Bistro Group. Take it back first.",
      },
    ]);
    const notReseller = await trpcError(
      callerOf("bistro").numbers.assign({ numberId: held.id, accountId: ids["city-clinic"].accountId }),
    );
    expect(notReseller.code).toBe("FORBIDDEN");
    expect(await everything()).toEqual(before);
  });

  it("of two assignments of one free number at once, one wins and the other is refused, writing nothing", async () => {
    const { id } = await numberRow("+12125550125");
    const reseller = () => callerOf("voicereseller");
    const outcomes = await Promise.allSettled([
      reseller().numbers.assign({ numberId: id, accountId: ids.bistro.accountId }),
      reseller().numbers.assign({ numberId: id, accountId: ids["city-clinic"].accountId }),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const lost = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.status === "rejected" && lost[0].reason).toMatchObject({ code: "CONFLICT" });
    const holder = (await numberRow("+12125550125")).accountId;
    expect([ids.bistro.accountId, ids["city-clinic"].accountId]).toContain(holder);
    const assigned = (await numberAudits()).filter(
      (entry) => entry.action === "number.assigned" && (entry.details as { number?: string }).number === "+12125550125",
    );
    expect(assigned).toHaveLength(1);
    await reseller().numbers.takeBack({ numberId: id });
  });

  it("takes a routed number back, clearing its route in the same change; the holder no longer sees it", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    await callerOf("bistro").numbers.route({ numberId: id, destination: { kind: "extension", id: bistroExtension } });
    const back = await callerOf("voicereseller").numbers.takeBack({ numberId: id });
    expect(back.holder).toBeNull();
    expect(await numberRow(BISTRO_NUMBER)).toMatchObject({
      accountId: ids.voicereseller.accountId,
      routeExtensionId: null,
      routeDepartmentId: null,
      routeScheduleId: null,
    });
    expect((await callerOf("bistro").numbers.list({})).items).toEqual([]);
    expect((await numberAudits()).at(-1)).toMatchObject({
      action: "number.taken_back",
      accountId: ids.bistro.accountId,
      details: {
        number: BISTRO_NUMBER,
        before: { holder: "Bistro Group", route: { kind: "extension", id: bistroExtension } },
      },
    });
    // And given again: Bistro holds it, with no route (the extension was Bistro's; so is the choice).
    const again = await callerOf("voicereseller").numbers.assign({ numberId: id, accountId: ids.bistro.accountId });
    expect(again.holder?.slug).toBe("bistro");
    expect((await callerOf("bistro").numbers.get({ numberId: id })).route).toBeNull();
  });
});

describe("the database's own rules for numbers", () => {
  it("moving a number keeps no route of its old holder: the composite key refuses it", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    await owner.$executeRaw`UPDATE numbers SET route_extension_id = ${bistroExtension}::uuid WHERE id = ${id}::uuid`;
    try {
      await expect(
        owner.$executeRaw`UPDATE numbers SET account_id = ${ids["city-clinic"].accountId}::uuid WHERE id = ${id}::uuid`,
      ).rejects.toThrow(/numbers_route_extension|foreign key/i);
    } finally {
      await owner.$executeRaw`UPDATE numbers SET route_extension_id = NULL WHERE id = ${id}::uuid`;
    }
  });

  it("keeps a number inside its pool's tree, and lets requests change only holder and route", async () => {
    const { id } = await numberRow(BISTRO_NUMBER);
    await expect(
      owner.$executeRaw`UPDATE numbers SET account_id = ${ids.acme.accountId}::uuid WHERE id = ${id}::uuid`,
    ).rejects.toThrow(/numbers_held_in_pool_tree|check constraint/i);
    const bistro = ids.bistro.accountId;
    await expect(
      withTenant(app, bistro, (tx) => tx.$executeRaw`UPDATE numbers SET e164 = '+33199009999' WHERE id = ${id}::uuid`),
    ).rejects.toThrow(/permission denied/i);
    await expect(
      withTenant(
        app,
        bistro,
        (tx) =>
          tx.$executeRaw`INSERT INTO numbers (account_id, e164, pool_account_id) VALUES (${bistro}::uuid, '+33199009999', ${bistro}::uuid)`,
      ),
    ).rejects.toThrow(/permission denied/i);
    // The holder cannot give its number away: only the pool's reseller moves it.
    await expect(
      withTenant(
        app,
        bistro,
        (tx) =>
          tx.$executeRaw`UPDATE numbers SET account_id = ${ids["city-clinic"].accountId}::uuid WHERE id = ${id}::uuid`,
      ),
    ).rejects.toThrow(/row-level security/i);
    // The pool's reseller moves it, but routing it is the holder's.
    await expect(
      withTenant(
        app,
        ids.voicereseller.accountId,
        (tx) => tx.$executeRaw`UPDATE numbers SET route_extension_id = ${bistroExtension}::uuid WHERE id = ${id}::uuid`,
      ),
    ).rejects.toThrow(/row-level security/i);
    // Another customer does not even see it.
    const seen = await withTenant(
      app,
      ids["city-clinic"].accountId,
      (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM numbers WHERE id = ${id}::uuid`,
    );
    expect(Number(seen[0]?.n)).toBe(0);
    expect((await numberRow(BISTRO_NUMBER)).accountId).toBe(bistro);
  });
});
