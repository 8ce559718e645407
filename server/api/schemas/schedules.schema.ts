import { z } from "zod";
import { isTimeZone, minutesOf } from "../../schedules/time-of-day";
import { ValueSource } from "./effective-settings.schema";
import { jsonOnly, queryNumber } from "./rest-input";
import { nameText, plainText } from "./text";

const ScheduleId = z.uuid({ message: "id must be a schedule id" });
const ScheduleName = nameText({ label: "The name", max: 80, required: "Enter a name for the schedule" });

const reason = (name: string) => ({ params: { reason: name } });

const TimeOfDay = (label: string) =>
  plainText({ label, max: 5, required: `Enter ${label.toLowerCase()}` }).refine(
    (text) => text === "" || minutesOf(text) !== null,
    { message: `${label} must be a time like 09:00 (00:00 to 24:00)`, ...reason("invalid_time") },
  );

const HoursRange = z.object({
  weekday: jsonOnly(z.number({ message: "weekday must be 1 (Monday) to 7 (Sunday)" }).int().min(1).max(7)),
  opens: TimeOfDay("The opening time"),
  closes: TimeOfDay("The closing time"),
});

/**
 * The weekly opening hours: each range opens before it closes, and ranges of one day do not
 * overlap (the database's exclusion constraint refuses it too; this says which range, and where).
 */
const Hours = z
  .array(HoursRange, { message: "hours must be a list of opening ranges" })
  .max(70, "A schedule has at most 70 opening ranges.")
  .superRefine((ranges, context) => {
    const minutes = ranges.map((range) => ({
      weekday: range.weekday,
      opens: minutesOf(range.opens),
      closes: minutesOf(range.closes),
    }));
    minutes.forEach((range, index) => {
      if (range.opens === null || range.closes === null) return;
      if (range.opens === 1440 || range.closes <= range.opens) {
        context.addIssue({
          code: "custom",
          path: [index, "closes"],
          message: "The closing time must be after the opening time.",
          params: { reason: "empty_range" },
        });
        return;
      }
      const earlier = minutes.findIndex(
        (other, otherIndex) =>
          otherIndex < index &&
          other.weekday === range.weekday &&
          other.opens !== null &&
          other.closes !== null &&
          other.opens < (range.closes as number) &&
          (range.opens as number) < other.closes,
      );
      if (earlier >= 0) {
        context.addIssue({
          code: "custom",
          path: [index, "opens"],
          message: "This range overlaps another one on the same day.",
          params: { reason: "overlapping_range" },
        });
      }
    });
  });

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDay = (text: string) =>
  DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

const Holiday = z.object({
  day: plainText({ label: "The date", max: 10, required: "Enter the holiday's date" }).refine(
    (text) => text === "" || isCalendarDay(text),
    { message: "The date must be a day like 2026-12-25", ...reason("invalid_date") },
  ),
  name: nameText({ label: "The holiday's name", max: 80, required: "Name the holiday" }),
});

const Holidays = z
  .array(Holiday, { message: "holidays must be a list of dated days" })
  .max(366, "A schedule has at most 366 holidays.")
  .superRefine((days, context) => {
    days.forEach((holiday, index) => {
      if (days.findIndex((other) => other.day === holiday.day) < index) {
        context.addIssue({
          code: "custom",
          path: [index, "day"],
          message: "This date is already a holiday.",
          params: { reason: "duplicate_holiday" },
        });
      }
    });
  });

/** Where calls go: an extension or a department of the same account; null: nowhere set. */
export const ScheduleDestination = z
  .object({
    kind: z.enum(["extension", "department"], { message: "A schedule routes to an extension or a department" }),
    id: z.uuid({ message: "Choose an extension or a department" }),
  })
  .nullable();

/** null: the account's effective time zone. */
const TimeZone = plainText({ label: "The time zone", max: 64 })
  .refine((zone) => isTimeZone(zone), {
    message: "The time zone must be an IANA name like Europe/Paris",
    ...reason("invalid_time_zone"),
  })
  .nullable();

export const ListSchedulesInput = z.object({
  search: nameText({ label: "Search", max: 80 }).optional(),
  page: queryNumber("page must be a number").int().min(1).max(10_000).default(1),
  pageSize: queryNumber("pageSize must be a number").int().min(1).max(100).default(20),
});

export const GetScheduleInput = z.object({ id: ScheduleId });

export const CreateScheduleInput = z.object({
  name: ScheduleName,
  timezone: TimeZone.default(null),
  hours: Hours.default([]),
  holidays: Holidays.default([]),
  open: ScheduleDestination.default(null),
  closed: ScheduleDestination.default(null),
});

export const UpdateScheduleInput = z.object({
  id: ScheduleId,
  name: ScheduleName.optional(),
  timezone: TimeZone.optional(),
  hours: Hours.optional(),
  holidays: Holidays.optional(),
  open: ScheduleDestination.optional(),
  closed: ScheduleDestination.optional(),
});

export const DeleteScheduleInput = z.object({ id: ScheduleId });

/** Where a schedule's time zone comes from: itself, or the account's effective setting. */
export const TimeZoneSource = z.union([z.object({ kind: z.literal("schedule") }), ValueSource]);

const EffectiveTimeZone = z.object({ value: z.string(), source: TimeZoneSource });

const State = z.object({ open: z.boolean(), holiday: z.string().nullable(), changesAt: z.date().nullable() });

const DestinationWithLabel = z
  .object({ kind: z.enum(["extension", "department"]), id: z.uuid(), label: z.string() })
  .nullable();

export const ScheduleOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  timezone: z.string().nullable(),
  effectiveTimeZone: EffectiveTimeZone,
  /** The account's effective time zone, which the schedule follows when it has none of its own. */
  accountTimeZone: z.object({ value: z.string(), source: ValueSource }),
  hours: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })),
  holidays: z.array(z.object({ day: z.string(), name: z.string() })),
  open: DestinationWithLabel,
  closed: DestinationWithLabel,
  state: State,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ScheduleOutput = z.infer<typeof ScheduleOutput>;

export const SchedulePageOutput = z.object({
  /** The tenant the page belongs to. */
  accountId: z.uuid(),
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      timezone: z.string().nullable(),
      effectiveTimeZone: EffectiveTimeZone,
      state: State,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The account's effective time zone, which schedules without their own follow. */
  accountTimeZone: z.object({ value: z.string(), source: ValueSource }),
});
export type SchedulePageOutput = z.infer<typeof SchedulePageOutput>;

export const DestinationOptionsOutput = z.object({
  accountId: z.uuid(),
  destinations: z.array(z.object({ kind: z.enum(["extension", "department"]), id: z.uuid(), label: z.string() })),
});
