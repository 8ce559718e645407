/**
 * The settings registry against the database, and the default destination of unrouted numbers as
 * a real reference: the account's own extension, department or schedule, chosen from its list,
 * refused by the database when it is another tenant's, not inherited by the accounts below, and
 * kept from being deleted while it is the default.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { withDefaultDestinationGuard } from "@/server/settings/default-destination";
import { settingColumns } from "@/server/settings/registry";
import { loadEffectiveSettings } from "@/server/tenancy/branding";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds, type DemoSlug } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let startedAt: Date;
const made: Partial<Record<DemoSlug, { extension: string; department: string; schedule: string }>> = {};

const callerOf = (slug: DemoSlug) => callerAs(app, { accountId: ids[slug].accountId, userId: ids[slug].ownerUserId });

async function destinationsOf(slug: DemoSlug) {
  const accountId = ids[slug].accountId;
  const extension = await owner.extension.create({ data: { accountId, number: "7301", name: "Default test desk" } });
  const department = await owner.department.create({ data: { accountId, name: "Default test team" } });
  const schedule = await owner.schedule.create({
    data: { accountId, name: "Default test hours", openExtensionId: extension.id },
  });
  made[slug] = { extension: extension.id, department: department.id, schedule: schedule.id };
  return made[slug];
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 3 }));
  startedAt = new Date();
  await destinationsOf("bistro");
  await destinationsOf("city-clinic");
  await destinationsOf("voicereseller");
});

afterAll(async () => {
  // Its entries and their copies in the reseller's log: other files read those logs.
  await owner.auditEntry.deleteMany({ where: { action: "branding.update", createdAt: { gte: startedAt } } });
  const slugs = Object.keys(made) as DemoSlug[];
  for (const slug of slugs) {
    await owner.account.update({
      where: { id: ids[slug].accountId },
      data: { defaultExtensionId: null, defaultDepartmentId: null, defaultScheduleId: null },
    });
  }
  for (const slug of slugs) {
    const rows = made[slug];
    if (!rows) continue;
    const accountId = ids[slug].accountId;
    await owner.schedule.deleteMany({ where: { accountId, id: rows.schedule } });
    await owner.department.deleteMany({ where: { accountId, id: rows.department } });
    await owner.extension.deleteMany({ where: { accountId, id: rows.extension } });
  }
  await owner.$disconnect();
  await app.$disconnect();
});

describe("the registry's columns in the database", () => {
  it("setting_columns lists exactly the registry's columns, each inheriting as the registry says", async () => {
    const rows = await owner.$queryRaw<{ column_name: string; inherits: boolean }[]>`
      SELECT column_name, inherits FROM setting_columns ORDER BY column_name`;
    expect(rows.map((row) => ({ column: row.column_name, inherits: row.inherits }))).toEqual(
      [...settingColumns()].sort((a, b) => a.column.localeCompare(b.column)),
    );
  });

  it("every column exists on accounts, and the platform has a default for each one that inherits", async () => {
    const columns = await owner.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name IN ('accounts', 'platform_settings')`;
    const of = (table: string) => columns.filter((row) => row.table_name === table).map((row) => row.column_name);
    for (const { column, inherits } of settingColumns()) {
      expect(of("accounts")).toContain(column);
      if (inherits) expect(of("platform_settings")).toContain(column);
    }
    expect(of("accounts")).not.toContain("did_default_dest_kind");
  });

  it("the chain returns settings only: no other column of accounts, and no ancestor's own-only setting", async () => {
    await owner.account.update({
      where: { id: ids.voicereseller.accountId },
      data: { defaultExtensionId: made.voicereseller?.extension },
    });
    const rows = await app.$queryRaw<{ depth: number; settings: Record<string, unknown> }[]>`
      SELECT depth, settings FROM app_branding_chain(${ids.bistro.accountId}::uuid) ORDER BY depth`;
    const allowed = new Set(settingColumns().map((each) => each.column));
    for (const row of rows) {
      for (const key of Object.keys(row.settings)) expect(allowed.has(key)).toBe(true);
      expect(row.settings).not.toHaveProperty("max_in");
      expect(row.settings).not.toHaveProperty("plan_id");
    }
    expect(rows[1]?.settings).not.toHaveProperty("default_extension_id");
    expect(rows[0]?.settings).toHaveProperty("default_extension_id", null);
  });
});

describe("the default destination", () => {
  it("is chosen from the account's own destinations, and applies as the account's own", async () => {
    const bistro = made.bistro;
    if (!bistro) throw new Error("set-up failed");
    const editor = await callerOf("bistro").branding.get({ accountId: ids.bistro.accountId });
    expect(editor.destinations).toEqual(
      expect.arrayContaining([
        { kind: "extension", id: bistro.extension, label: "7301 · Default test desk" },
        { kind: "department", id: bistro.department, label: "Default test team" },
        { kind: "schedule", id: bistro.schedule, label: "Default test hours" },
      ]),
    );
    // Nothing of another tenant in the list.
    expect(JSON.stringify(editor.destinations)).not.toContain(made["city-clinic"]?.extension);

    const saved = await callerOf("bistro").branding.update({
      accountId: ids.bistro.accountId,
      changes: { defaultDestination: { kind: "schedule", id: bistro.schedule } },
    });
    expect(saved.fields.defaultDestination.own).toEqual({ kind: "schedule", id: bistro.schedule });
    const current = await callerOf("bistro").account.current();
    expect(current.effective.defaultDestination.value).toEqual({ kind: "schedule", id: bistro.schedule });
    const stored = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    expect([stored.defaultExtensionId, stored.defaultDepartmentId, stored.defaultScheduleId]).toEqual([
      null,
      null,
      bistro.schedule,
    ]);
    const entry = await owner.auditEntry.findFirstOrThrow({
      where: { accountId: ids.bistro.accountId, action: "branding.update", originAccountId: null },
      orderBy: { createdAt: "desc" },
    });
    expect(entry.details).toEqual({
      before: { defaultDestination: null },
      after: { defaultDestination: "Schedule: Default test hours" },
    });

    // Another kind replaces it: one default at a time.
    await callerOf("bistro").branding.update({
      accountId: ids.bistro.accountId,
      changes: { defaultDestination: { kind: "extension", id: bistro.extension } },
    });
    const replaced = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    expect([replaced.defaultExtensionId, replaced.defaultScheduleId]).toEqual([bistro.extension, null]);
  });

  it("is not inherited: an account below one with a default has none of its own", async () => {
    await owner.account.update({
      where: { id: ids.voicereseller.accountId },
      data: { defaultExtensionId: made.voicereseller?.extension },
    });
    const clinic = await withTenant(app, ids["city-clinic"].accountId, (tx) =>
      loadEffectiveSettings(tx, ids["city-clinic"].accountId),
    );
    expect(clinic.defaultDestination).toEqual({ value: null, source: { kind: "platform" } });
    const reseller = await withTenant(app, ids.voicereseller.accountId, (tx) =>
      loadEffectiveSettings(tx, ids.voicereseller.accountId),
    );
    expect(reseller.defaultDestination.value).toEqual({ kind: "extension", id: made.voicereseller?.extension });
    // Visitors of the login page never see it.
    const forHost = await callerAs(app, {
      accountId: ids["city-clinic"].accountId,
      userId: ids["city-clinic"].ownerUserId,
    }).branding.forHost();
    expect(forHost.effective).not.toHaveProperty("defaultDestination");
  });

  it("refuses another tenant's destination with a clear error, and writes nothing", async () => {
    const clinic = made["city-clinic"];
    if (!clinic) throw new Error("set-up failed");
    const before = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    const error = await trpcError(
      callerOf("bistro").branding.update({
        accountId: ids.bistro.accountId,
        changes: { defaultDestination: { kind: "extension", id: clinic.extension }, timezone: "Asia/Tokyo" },
      }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(problemsOf(error)).toEqual([
      {
        reason: "destination_not_found",
        field: "changes.defaultDestination.id",
        message: "There is no such extension in Bistro Group; choose one from the list.",
      },
    ]);
    const after = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    expect(after).toEqual(before);
  });

  it("is refused by the database when it names another tenant's row, whoever writes it", async () => {
    const clinic = made["city-clinic"];
    if (!clinic) throw new Error("set-up failed");
    const none = { defaultExtensionId: null, defaultDepartmentId: null, defaultScheduleId: null };
    for (const data of [
      { ...none, defaultExtensionId: clinic.extension },
      { ...none, defaultDepartmentId: clinic.department },
      { ...none, defaultScheduleId: clinic.schedule },
    ]) {
      await expect(
        withTenant(app, ids.bistro.accountId, (tx) => tx.account.update({ where: { id: ids.bistro.accountId }, data })),
      ).rejects.toThrow(/foreign key/i);
      // Its reseller, which may write the row, cannot make it point elsewhere either.
      await expect(
        withTenant(app, ids.voicereseller.accountId, (tx) =>
          tx.account.update({ where: { id: ids.bistro.accountId }, data }),
        ),
      ).rejects.toThrow(/foreign key/i);
    }
    await expect(
      owner.account.update({
        where: { id: ids.bistro.accountId },
        data: { defaultExtensionId: made.bistro?.extension, defaultDepartmentId: made.bistro?.department },
      }),
    ).rejects.toThrow(/accounts_one_default_destination/);
  });

  it("cannot be deleted while it is the default: a clear error, nothing deleted", async () => {
    const bistro = made.bistro;
    if (!bistro) throw new Error("set-up failed");
    const accountId = ids.bistro.accountId;
    await owner.account.update({
      where: { id: accountId },
      data: { defaultExtensionId: null, defaultDepartmentId: bistro.department },
    });
    const refusal = await withDefaultDestinationGuard(() =>
      withTenant(app, accountId, (tx) =>
        tx.department.delete({ where: { accountId_id: { accountId, id: bistro.department } } }),
      ),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems).toEqual([
      {
        reason: "default_destination",
        field: "id",
        message:
          "This department is where the account's unrouted numbers go, so it cannot be deleted. Choose another default destination in Settings first.",
      },
    ]);
    expect(await owner.department.count({ where: { accountId, id: bistro.department } })).toBe(1);
    // Any other failure passes through as it was.
    await expect(withDefaultDestinationGuard(() => Promise.reject(new Error("other")))).rejects.toThrow("other");
  });
});
