import type { z } from "zod";
import type { ScheduleOutput, SchedulePageOutput, TimeZoneSource } from "../api/schemas/schedules.schema";
import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { loadEffectiveSettings } from "../tenancy/branding";
import type { Inherited } from "../tenancy/inheritance";
import { openState, type ScheduleRules } from "./is-open";
import { timeOf } from "./time-of-day";

export function scheduleNotFound(field = "id"): DomainError {
  return new DomainError("NOT_FOUND", problem("schedule_not_found", "There is no such schedule.", field));
}

const SCHEDULE_SELECT = {
  id: true,
  name: true,
  timezone: true,
  createdAt: true,
  updatedAt: true,
  hours: {
    orderBy: [{ weekday: "asc" as const }, { opensMinute: "asc" as const }],
    select: { weekday: true, opensMinute: true, closesMinute: true },
  },
  holidays: { orderBy: { day: "asc" as const }, select: { day: true, name: true } },
  openExtension: { select: { id: true, number: true, name: true } },
  openDepartment: { select: { id: true, name: true } },
  closedExtension: { select: { id: true, number: true, name: true } },
  closedDepartment: { select: { id: true, name: true } },
} satisfies Prisma.ScheduleSelect;

type Row = {
  timezone: string | null;
  hours: { weekday: number; opensMinute: number; closesMinute: number }[];
  holidays: { day: Date; name: string }[];
};

/** A date column (midnight UTC from the driver) as the local day it stands for. */
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

function rulesOf(row: Row): ScheduleRules {
  return {
    timezone: row.timezone,
    hours: row.hours,
    holidays: row.holidays.map((holiday) => ({ day: dayOf(holiday.day), name: holiday.name })),
  };
}

type AccountZone = Inherited<string>;

function effectiveZone(row: Row, account: AccountZone): { value: string; source: z.infer<typeof TimeZoneSource> } {
  return row.timezone ? { value: row.timezone, source: { kind: "schedule" } } : account;
}

function stateOf(row: Row, account: AccountZone, now: Date) {
  const { open, holiday, changesAt } = openState(rulesOf(row), now, account.value);
  return { open, holiday, changesAt };
}

const extensionLabel = (extension: { number: string; name: string }) => `${extension.number} · ${extension.name}`;

function destinationOf(
  extension: { id: string; number: string; name: string } | null,
  department: { id: string; name: string } | null,
): ScheduleOutput["open"] {
  if (extension) return { kind: "extension", id: extension.id, label: extensionLabel(extension) };
  if (department) return { kind: "department", id: department.id, label: department.name };
  return null;
}

/** The account's effective time zone, which a schedule without its own follows. */
export async function accountTimeZone(db: TenantDb, accountId: string): Promise<AccountZone> {
  return (await loadEffectiveSettings(db, accountId)).timezone;
}

/** The account's schedules by name, searched and a page at a time, each open or closed now. */
export async function listSchedules(
  db: TenantDb,
  accountId: string,
  query: { search?: string; page: number; pageSize: number },
  now: Date = new Date(),
): Promise<SchedulePageOutput> {
  const where = {
    accountId,
    ...(query.search ? { name: { contains: query.search, mode: "insensitive" as const } } : {}),
  };
  const total = await db.schedule.count({ where });
  const rows = await db.schedule.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
    select: { id: true, name: true, timezone: true, hours: SCHEDULE_SELECT.hours, holidays: SCHEDULE_SELECT.holidays },
  });
  const zone = await accountTimeZone(db, accountId);
  return {
    accountId,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      timezone: row.timezone,
      effectiveTimeZone: effectiveZone(row, zone),
      state: stateOf(row, zone, now),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    accountTimeZone: zone,
  };
}

/** One schedule with its hours, holidays, destinations, time zone and state now. */
export async function getSchedule(
  db: TenantDb,
  accountId: string,
  id: string,
  now: Date = new Date(),
): Promise<ScheduleOutput> {
  const row = await db.schedule.findFirst({ where: { accountId, id }, select: SCHEDULE_SELECT });
  if (!row) throw scheduleNotFound();
  const zone = await accountTimeZone(db, accountId);
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    effectiveTimeZone: effectiveZone(row, zone),
    accountTimeZone: zone,
    hours: row.hours.map((range) => ({
      weekday: range.weekday,
      opens: timeOf(range.opensMinute),
      closes: timeOf(range.closesMinute),
    })),
    holidays: row.holidays.map((holiday) => ({ day: dayOf(holiday.day), name: holiday.name })),
    open: destinationOf(row.openExtension, row.openDepartment),
    closed: destinationOf(row.closedExtension, row.closedDepartment),
    state: stateOf(row, zone, now),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
