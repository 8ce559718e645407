/**
 * schedules.*: weekly hours and holidays in the schedule's own time zone or the account's
 * effective one, destinations of the same account only, and no delete while something routes to it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { violationOf } from "@/server/db/violation";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const PREFIX = "Schedules test ";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
});

afterAll(async () => {
  await owner.schedule.deleteMany({ where: { name: { startsWith: PREFIX } } });
  await owner.department.deleteMany({ where: { name: { startsWith: PREFIX } } });
  await owner.$disconnect();
  await app.$disconnect();
});

const bistroOwner = () => callerAs(app, { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });

const WEEKDAYS_9_TO_5 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "09:00", closes: "17:00" }));

async function bistroSchedules() {
  return owner.schedule.findMany({
    where: { accountId: ids.bistro.accountId },
    include: { hours: true, holidays: true },
    orderBy: { name: "asc" },
  });
}

describe("schedules", () => {
  it("are created with hours, holidays and destinations, read, listed, searched and paged", async () => {
    const caller = bistroOwner();
    const department = await caller.departments.create({ name: `${PREFIX}Desk` });
    try {
      const created = await caller.schedules.create({
        name: `${PREFIX}Office`,
        hours: [
          ...WEEKDAYS_9_TO_5,
          { weekday: 6, opens: "10:00", closes: "12:00" },
          { weekday: 6, opens: "14:00", closes: "24:00" },
        ],
        holidays: [{ day: "2026-12-25", name: "Christmas" }],
        open: { kind: "department", id: department.id },
      });
      expect(created).toMatchObject({
        name: `${PREFIX}Office`,
        timezone: null,
        holidays: [{ day: "2026-12-25", name: "Christmas" }],
        open: { kind: "department", id: department.id, label: `${PREFIX}Desk` },
        closed: null,
      });
      expect(created.hours).toHaveLength(7);
      expect(created.hours.at(-1)).toEqual({ weekday: 6, opens: "14:00", closes: "24:00" });
      expect(await caller.schedules.get({ id: created.id })).toMatchObject({ id: created.id, hours: created.hours });

      const other = await caller.schedules.create({ name: `${PREFIX}Weekend`, timezone: "Asia/Tokyo" });
      const first = await caller.schedules.list({ search: "schedules TEST", pageSize: 1 });
      expect(first).toMatchObject({ accountId: ids.bistro.accountId, total: 2, items: [{ id: created.id }] });
      const second = await caller.schedules.list({ search: "schedules test", pageSize: 1, page: 2 });
      expect(second.items).toEqual([
        {
          id: other.id,
          name: `${PREFIX}Weekend`,
          timezone: "Asia/Tokyo",
          effectiveTimeZone: { value: "Asia/Tokyo", source: { kind: "schedule" } },
          state: { open: false, holiday: null, changesAt: null },
        },
      ]);
      await caller.schedules.delete({ id: created.id });
      await caller.schedules.delete({ id: other.id });
      expect(await owner.scheduleHour.count({ where: { scheduleId: created.id } })).toBe(0);
      expect(await owner.scheduleHoliday.count({ where: { scheduleId: created.id } })).toBe(0);
    } finally {
      await owner.schedule.deleteMany({ where: { name: { startsWith: PREFIX } } });
      await caller.departments.delete({ id: department.id });
    }
  });

  it("follows the account's effective time zone unless it has its own", async () => {
    const caller = bistroOwner();
    const schedule = await caller.schedules.create({ name: `${PREFIX}Follows`, hours: WEEKDAYS_9_TO_5 });
    const bistro = ids.bistro.accountId;
    const { timezone: saved } = await owner.account.findUniqueOrThrow({ where: { id: bistro } });
    try {
      await owner.account.update({ where: { id: bistro }, data: { timezone: "America/New_York" } });
      expect((await caller.schedules.get({ id: schedule.id })).effectiveTimeZone).toEqual({
        value: "America/New_York",
        source: { kind: "account", accountId: bistro, slug: "bistro", name: "Bistro Group", depth: 0 },
      });
      await owner.account.update({ where: { id: bistro }, data: { timezone: "Asia/Tokyo" } });
      const list = await caller.schedules.list({ search: `${PREFIX}Follows` });
      expect(list.accountTimeZone.value).toBe("Asia/Tokyo");
      expect(list.items[0]?.effectiveTimeZone.value).toBe("Asia/Tokyo");
      const own = await caller.schedules.update({ id: schedule.id, timezone: "Europe/Paris" });
      expect(own.effectiveTimeZone).toEqual({ value: "Europe/Paris", source: { kind: "schedule" } });
      const inherits = await caller.schedules.update({ id: schedule.id, timezone: null });
      expect(inherits.effectiveTimeZone.value).toBe("Asia/Tokyo");
    } finally {
      await owner.account.update({ where: { id: bistro }, data: { timezone: saved } });
      await caller.schedules.delete({ id: schedule.id });
    }
  });

  it("refuses overlapping and empty ranges at their fields, writing nothing; the database refuses overlaps too", async () => {
    const caller = bistroOwner();
    const before = await bistroSchedules();
    const overlap = await trpcError(
      caller.schedules.create({
        name: `${PREFIX}Overlap`,
        hours: [
          { weekday: 1, opens: "09:00", closes: "12:00" },
          { weekday: 1, opens: "11:30", closes: "14:00" },
        ],
      }),
    );
    expect(overlap.code).toBe("BAD_REQUEST");
    expect(problemsOf(overlap)).toEqual([
      { reason: "overlapping_range", field: "hours.1.opens", message: expect.any(String) },
    ]);
    const empty = await trpcError(
      caller.schedules.create({ name: `${PREFIX}Empty`, hours: [{ weekday: 2, opens: "10:00", closes: "10:00" }] }),
    );
    expect(problemsOf(empty)).toEqual([
      { reason: "empty_range", field: "hours.0.closes", message: expect.any(String) },
    ]);
    const badTime = await trpcError(
      caller.schedules.create({ name: `${PREFIX}Bad`, hours: [{ weekday: 2, opens: "9am", closes: "25:00" }] }),
    );
    expect(problemsOf(badTime).map((each) => [each.field, each.reason])).toEqual([
      ["hours.0.opens", "invalid_time"],
      ["hours.0.closes", "invalid_time"],
    ]);
    expect(await bistroSchedules()).toEqual(before);

    // Touching ranges are fine; the exclusion constraint refuses an overlap written past the app.
    const schedule = await caller.schedules.create({
      name: `${PREFIX}Split`,
      hours: [
        { weekday: 1, opens: "09:00", closes: "12:00" },
        { weekday: 1, opens: "12:00", closes: "14:00" },
      ],
    });
    try {
      const direct = await owner.scheduleHour
        .create({
          data: {
            accountId: ids.bistro.accountId,
            scheduleId: schedule.id,
            weekday: 1,
            opensMinute: 600,
            closesMinute: 700,
          },
        })
        .catch((failure: unknown) => failure);
      expect(violationOf(direct)).toMatchObject({ kind: "exclusion", constraint: "schedule_hours_no_overlap" });
    } finally {
      await caller.schedules.delete({ id: schedule.id });
    }
  });

  it("refuses a destination of another tenant as NOT_FOUND at the field; the composite key refuses it too", async () => {
    const clinic = ids["city-clinic"].accountId;
    const theirs = await owner.department.create({ data: { accountId: clinic, name: `${PREFIX}Clinic desk` } });
    const caller = bistroOwner();
    try {
      const before = await bistroSchedules();
      const error = await trpcError(
        caller.schedules.create({ name: `${PREFIX}Stolen`, closed: { kind: "department", id: theirs.id } }),
      );
      expect(error.code).toBe("NOT_FOUND");
      expect(problemsOf(error)).toEqual([
        {
          reason: "destination_not_found",
          field: "closed.id",
          message: "There is no such department in this account.",
        },
      ]);
      expect(await bistroSchedules()).toEqual(before);

      const own = await caller.schedules.create({ name: `${PREFIX}Own` });
      try {
        const update = await trpcError(
          caller.schedules.update({ id: own.id, open: { kind: "department", id: theirs.id } }),
        );
        expect(update.code).toBe("NOT_FOUND");
        const direct = await owner.schedule
          .update({
            where: { accountId_id: { accountId: ids.bistro.accountId, id: own.id } },
            data: { openDepartmentId: theirs.id },
          })
          .catch((failure: unknown) => failure);
        expect(violationOf(direct)).toMatchObject({ kind: "foreign_key" });
      } finally {
        await caller.schedules.delete({ id: own.id });
      }
    } finally {
      await owner.department.delete({ where: { accountId_id: { accountId: clinic, id: theirs.id } } });
    }
  });

  it("refuses a duplicate name and a duplicate holiday at their fields", async () => {
    const caller = bistroOwner();
    const first = await caller.schedules.create({ name: `${PREFIX}Same` });
    try {
      const error = await trpcError(caller.schedules.create({ name: `${PREFIX}Same` }));
      expect(error.code).toBe("CONFLICT");
      expect(problemsOf(error)[0]).toMatchObject({ reason: "name_taken", field: "name" });
      const holidays = await trpcError(
        caller.schedules.update({
          id: first.id,
          holidays: [
            { day: "2026-01-01", name: "New year" },
            { day: "2026-01-01", name: "Again" },
            { day: "2026-02-30", name: "Never" },
          ],
        }),
      );
      expect(problemsOf(holidays).map((each) => [each.field, each.reason])).toEqual([
        ["holidays.2.day", "invalid_date"],
        ["holidays.1.day", "duplicate_holiday"],
      ]);
    } finally {
      await caller.schedules.delete({ id: first.id });
    }
  });

  it("refuses to delete a schedule something still routes to, and deletes it once nothing does", async () => {
    const caller = bistroOwner();
    const schedule = await caller.schedules.create({ name: `${PREFIX}Routed` });
    // A stand-in for numbers and the default destination: a table whose foreign key restricts
    // the delete as theirs do (the request role need not see it for the key to hold).
    await owner.$executeRawUnsafe(`CREATE TABLE schedules_test_routes (
      account_id uuid NOT NULL, schedule_id uuid NOT NULL,
      FOREIGN KEY (account_id, schedule_id) REFERENCES schedules (account_id, id) ON DELETE RESTRICT)`);
    try {
      await owner.$executeRaw`INSERT INTO schedules_test_routes VALUES (${ids.bistro.accountId}::uuid, ${schedule.id}::uuid)`;
      const error = await trpcError(caller.schedules.delete({ id: schedule.id }));
      expect(error.code).toBe("CONFLICT");
      expect(problemsOf(error)).toEqual([
        { reason: "in_use", field: null, message: expect.stringMatching(/^Schedules test Routed is still used by/) },
      ]);
      expect(await caller.schedules.get({ id: schedule.id })).toMatchObject({ id: schedule.id });
    } finally {
      await owner.$executeRawUnsafe("DROP TABLE schedules_test_routes");
    }
    await caller.schedules.delete({ id: schedule.id });
  });
});
