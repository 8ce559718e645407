import { TZDate, tzOffset } from "@date-fns/tz";
import { format, getISODay } from "date-fns";

/** One weekly opening range, in the schedule's local time: minutes from midnight, [opens, closes). */
export type WeeklyRange = { weekday: number; opensMinute: number; closesMinute: number };
/** A local date (YYYY-MM-DD) on which the schedule is closed all day. */
export type Holiday = { day: string; name: string };
export type ScheduleRules = { timezone: string | null; hours: readonly WeeklyRange[]; holidays: readonly Holiday[] };

/** The state of a schedule at an instant, and when it next changes (null: not within a year). */
export type OpenState = {
  open: boolean;
  /** The holiday that closes the schedule today, if one does. */
  holiday: string | null;
  timezone: string;
  changesAt: Date | null;
};

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** How far ahead "next change" looks: a year and a day covers every holiday of the year. */
const HORIZON_MS = 367 * DAY_MINUTES * MINUTE;

/** The zone a schedule keeps: its own, or else the account's effective one. */
export function scheduleTimeZone(schedule: Pick<ScheduleRules, "timezone">, accountTimeZone: string): string {
  return schedule.timezone ?? accountTimeZone;
}

type LocalMoment = { day: string; weekday: number; minute: number };

function localMoment(instant: Date, zone: string): LocalMoment {
  const local = new TZDate(instant.getTime(), zone);
  return {
    day: format(local, "yyyy-MM-dd"),
    weekday: getISODay(local),
    minute: local.getHours() * 60 + local.getMinutes(),
  };
}

function holidayOn(rules: ScheduleRules, day: string): Holiday | undefined {
  return rules.holidays.find((holiday) => holiday.day === day);
}

function openAt(rules: ScheduleRules, at: LocalMoment): boolean {
  if (holidayOn(rules, at.day)) return false;
  return rules.hours.some(
    (range) => range.weekday === at.weekday && range.opensMinute <= at.minute && at.minute < range.closesMinute,
  );
}

/**
 * Whether the schedule is open at `instant`, by the wall clock of its time zone (its own, else
 * `accountTimeZone`): a range 09:00-17:00 is open from 09:00 to 17:00 local time whatever the
 * offset that day. Across a daylight-saving change the wall clock decides too: in a skipped hour
 * nothing happens, and a range covering a repeated hour is open both times round. A holiday
 * closes the whole local day.
 */
export function isOpen(schedule: ScheduleRules, instant: Date, accountTimeZone: string): boolean {
  return openAt(schedule, localMoment(instant, scheduleTimeZone(schedule, accountTimeZone)));
}

/**
 * The state at `instant` and the first instant after it at which the state flips (opens or
 * closes), for the pages' "opens at" / "closes at". Steps from boundary to boundary: the next
 * range edge or midnight of the local day, and any offset change in between, since the state
 * cannot change between two of these.
 */
export function openState(schedule: ScheduleRules, instant: Date, accountTimeZone: string): OpenState {
  const zone = scheduleTimeZone(schedule, accountTimeZone);
  const now = localMoment(instant, zone);
  const open = openAt(schedule, now);
  const holiday = holidayOn(schedule, now.day)?.name ?? null;
  return { open, holiday, timezone: zone, changesAt: nextChange(schedule, instant, zone, open) };
}

function nextChange(schedule: ScheduleRules, instant: Date, zone: string, open: boolean): Date | null {
  // With no hours the schedule never opens; offsets are whole minutes, so the state is constant
  // within a minute and the walk can start at the minute's beginning.
  if (schedule.hours.length === 0) return null;
  let current = Math.floor(instant.getTime() / MINUTE) * MINUTE;
  const end = instant.getTime() + HORIZON_MS;
  while (current < end) {
    const here = localMoment(new Date(current), zone);
    const edges = schedule.hours
      .filter((range) => range.weekday === here.weekday)
      .flatMap((range) => [range.opensMinute, range.closesMinute])
      .filter((minute) => minute > here.minute);
    const edge = Math.min(DAY_MINUTES, ...edges);
    let next = current + (edge - here.minute) * MINUTE;
    const offset = tzOffset(zone, new Date(current));
    if (tzOffset(zone, new Date(next)) !== offset) next = firstMinuteWithNewOffset(zone, current, next, offset);
    if (openAt(schedule, localMoment(new Date(next), zone)) !== open) return new Date(next);
    current = next;
  }
  return null;
}

/**
 * The first whole minute in (from, to] whose UTC offset is no longer `offset` (the offset at
 * `from`; the one at `to` differs). A binary search: tzScan works to the hour from its start, not
 * to the minute.
 */
function firstMinuteWithNewOffset(zone: string, from: number, to: number, offset: number): number {
  let low = from;
  let high = to;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    if (tzOffset(zone, new Date(middle)) === offset) low = middle;
    else high = middle;
  }
  return high;
}
