import type { ScheduleOutput } from "../api/schemas/schedules.schema";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";
import { violationOf } from "../db/violation";
import { DomainError, problem } from "../domain-error";
import { inUseProblem } from "../routing/references";
import { getSchedule } from "./read";
import { minutesOf } from "./time-of-day";

type Destination = { kind: "extension" | "department"; id: string } | null;
type HoursInput = readonly { weekday: number; opens: string; closes: string }[];
type HolidaysInput = readonly { day: string; name: string }[];

export type ScheduleChanges = {
  name?: string;
  timezone?: string | null;
  hours?: HoursInput;
  holidays?: HolidaysInput;
  open?: Destination;
  closed?: Destination;
};

/**
 * A destination of this account, or NOT_FOUND at its field: another tenant's row is "no such
 * destination" (the composite foreign keys would refuse it anyway).
 */
async function checkDestination(db: TenantDb, accountId: string, destination: Destination, field: string) {
  if (!destination) return;
  const where = { accountId, id: destination.id };
  const found =
    destination.kind === "extension"
      ? await db.extension.findFirst({ where, select: { id: true } })
      : await db.department.findFirst({ where, select: { id: true } });
  if (!found) {
    throw new DomainError(
      "NOT_FOUND",
      problem("destination_not_found", `There is no such ${destination.kind} in this account.`, `${field}.id`),
    );
  }
}

function destinationColumns(prefix: "open" | "closed", destination: Destination) {
  return prefix === "open"
    ? {
        openExtensionId: destination?.kind === "extension" ? destination.id : null,
        openDepartmentId: destination?.kind === "department" ? destination.id : null,
      }
    : {
        closedExtensionId: destination?.kind === "extension" ? destination.id : null,
        closedDepartmentId: destination?.kind === "department" ? destination.id : null,
      };
}

/** The database's refusals a schedule write can meet, as problems at their fields. */
async function asProblems<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const violation = violationOf(error);
    if (violation?.kind === "unique" && violation.constraint === "schedules_name_unique") {
      throw new DomainError(
        "CONFLICT",
        problem("name_taken", `There is already a schedule called ${name}. Choose another name.`, "name"),
      );
    }
    if (violation?.kind === "exclusion" && violation.constraint === "schedule_hours_no_overlap") {
      throw new DomainError(
        "BAD_REQUEST",
        problem("overlapping_range", "Two opening ranges of one day overlap.", "hours"),
      );
    }
    throw error;
  }
}

async function writeHours(db: TenantDb, accountId: string, scheduleId: string, hours: HoursInput) {
  await db.scheduleHour.deleteMany({ where: { accountId, scheduleId } });
  if (hours.length === 0) return;
  await db.scheduleHour.createMany({
    data: hours.map((range) => ({
      accountId,
      scheduleId,
      weekday: range.weekday,
      // Validated by the input schema: both are times of day.
      opensMinute: minutesOf(range.opens) ?? 0,
      closesMinute: minutesOf(range.closes) ?? 0,
    })),
  });
}

async function writeHolidays(db: TenantDb, accountId: string, scheduleId: string, holidays: HolidaysInput) {
  await db.scheduleHoliday.deleteMany({ where: { accountId, scheduleId } });
  if (holidays.length === 0) return;
  await db.scheduleHoliday.createMany({
    data: holidays.map((holiday) => ({
      accountId,
      scheduleId,
      day: new Date(`${holiday.day}T00:00:00Z`),
      name: holiday.name,
    })),
  });
}

const SHORT_DAYS = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** What the audit log shows of a schedule, in words: hours, holidays and destinations as text. */
function auditable(schedule: ScheduleOutput): Prisma.InputJsonObject {
  const destination = (to: ScheduleOutput["open"]) => (to ? `${to.label} (${to.kind})` : null);
  return {
    name: schedule.name,
    timezone: schedule.timezone ?? "the account's",
    hours: schedule.hours.map((range) => `${SHORT_DAYS[range.weekday]} ${range.opens}–${range.closes}`).join(", "),
    holidays: schedule.holidays.map((holiday) => `${holiday.day} ${holiday.name}`).join(", "),
    open: destination(schedule.open),
    closed: destination(schedule.closed),
  };
}

/** Only what changed, before and after (hours and holidays as whole lists). */
function changes(before: Prisma.InputJsonObject, after: Prisma.InputJsonObject) {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key] ?? null])),
    after: Object.fromEntries(keys.map((key) => [key, after[key] ?? null])),
  };
}

/** A new schedule with its hours, holidays and destinations, all or nothing. */
export async function createSchedule(
  db: TenantDb,
  actor: Actor,
  input: Required<ScheduleChanges> & { name: string },
): Promise<ScheduleOutput> {
  const accountId = actor.accountId;
  await checkDestination(db, accountId, input.open, "open");
  await checkDestination(db, accountId, input.closed, "closed");
  const created = await asProblems(input.name, async () => {
    const row = await db.schedule.create({
      data: {
        accountId,
        name: input.name,
        timezone: input.timezone,
        ...destinationColumns("open", input.open),
        ...destinationColumns("closed", input.closed),
      },
      select: { id: true },
    });
    await writeHours(db, accountId, row.id, input.hours);
    await writeHolidays(db, accountId, row.id, input.holidays);
    return row;
  });
  const schedule = await getSchedule(db, accountId, created.id);
  await recordAudit(db, actor, {
    action: "schedule.create",
    targetAccountId: accountId,
    details: { id: schedule.id, after: auditable(schedule) },
  });
  return schedule;
}

/** Changes what is given: absent fields stay; hours and holidays are replaced as whole lists. */
export async function updateSchedule(
  db: TenantDb,
  actor: Actor,
  input: ScheduleChanges & { id: string },
): Promise<ScheduleOutput> {
  const accountId = actor.accountId;
  const before = await getSchedule(db, accountId, input.id);
  if (input.open !== undefined) await checkDestination(db, accountId, input.open, "open");
  if (input.closed !== undefined) await checkDestination(db, accountId, input.closed, "closed");
  await asProblems(input.name, async () => {
    await db.schedule.update({
      where: { accountId_id: { accountId, id: input.id } },
      data: {
        name: input.name,
        timezone: input.timezone,
        ...(input.open !== undefined ? destinationColumns("open", input.open) : {}),
        ...(input.closed !== undefined ? destinationColumns("closed", input.closed) : {}),
      },
      select: { id: true },
    });
    if (input.hours) await writeHours(db, accountId, input.id, input.hours);
    if (input.holidays) await writeHolidays(db, accountId, input.id, input.holidays);
  });
  const after = await getSchedule(db, accountId, input.id);
  const changed = changes(auditable(before), auditable(after));
  if (Object.keys(changed.after).length > 0) {
    await recordAudit(db, actor, {
      action: "schedule.update",
      targetAccountId: accountId,
      details: { id: input.id, ...changed },
    });
  }
  return after;
}

/**
 * Deletes a schedule with its hours and holidays. Refused (CONFLICT, `in_use`) while a number or
 * the account's default destination routes to it: their foreign keys restrict the delete.
 */
export async function deleteSchedule(db: TenantDb, actor: Actor, input: { id: string }): Promise<{ id: string }> {
  const accountId = actor.accountId;
  const before = await getSchedule(db, accountId, input.id);
  try {
    await db.schedule.delete({ where: { accountId_id: { accountId, id: input.id } }, select: { id: true } });
  } catch (error) {
    const violation = violationOf(error);
    if (violation?.kind === "foreign_key") throw new DomainError("CONFLICT", inUseProblem(before.name, [], violation));
    throw error;
  }
  await recordAudit(db, actor, {
    action: "schedule.delete",
    targetAccountId: accountId,
    details: { id: before.id, before: auditable(before) },
  });
  return { id: input.id };
}
