import { describe, expect, it } from "vitest";
import { isOpen, openState, type ScheduleRules } from "./is-open";

const SUNDAY = 7;
const at = (iso: string) => new Date(iso);
const hm = (text: string) => {
  const [hours, minutes] = text.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};
const sunday = (timezone: string, opens: string, closes: string): ScheduleRules => ({
  timezone,
  hours: [{ weekday: SUNDAY, opensMinute: hm(opens), closesMinute: hm(closes) }],
  holidays: [],
});

// 2026: New York springs forward on 8 March at 02:00 EST (07:00Z) and falls back on 1 November at
// 02:00 EDT (06:00Z); Paris on 29 March at 02:00 CET (01:00Z) and on 25 October at 03:00 CEST (01:00Z).
// All four are Sundays. Each range spans the skipped or the repeated hour, or opens inside the gap.
describe.each([
  // zone, range, instant, open, next change
  ["America/New_York", "00:30", "03:30", "2026-03-08T05:29:00Z", false, "2026-03-08T05:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-03-08T05:30:00Z", true, "2026-03-08T07:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-03-08T06:59:59Z", true, "2026-03-08T07:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-03-08T07:00:00Z", true, "2026-03-08T07:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-03-08T07:30:00Z", false, "2026-03-15T04:30:00Z"],
  // opening at 02:30, a time that does not exist that day: it opens when the clock jumps to 03:00
  ["America/New_York", "02:30", "05:00", "2026-03-08T06:00:00Z", false, "2026-03-08T07:00:00Z"],
  ["America/New_York", "02:30", "05:00", "2026-03-08T06:59:00Z", false, "2026-03-08T07:00:00Z"],
  ["America/New_York", "02:30", "05:00", "2026-03-08T07:00:00Z", true, "2026-03-08T09:00:00Z"],
  // falling back: 01:30 comes twice and the range is open both times; three wall hours last four
  ["America/New_York", "00:30", "03:30", "2026-11-01T04:30:00Z", true, "2026-11-01T08:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-11-01T05:30:00Z", true, "2026-11-01T08:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-11-01T06:30:00Z", true, "2026-11-01T08:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-11-01T08:29:00Z", true, "2026-11-01T08:30:00Z"],
  ["America/New_York", "00:30", "03:30", "2026-11-01T08:30:00Z", false, "2026-11-08T05:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-03-28T23:29:00Z", false, "2026-03-28T23:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-03-28T23:30:00Z", true, "2026-03-29T01:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-03-29T01:00:00Z", true, "2026-03-29T01:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-03-29T01:30:00Z", false, "2026-04-04T22:30:00Z"],
  ["Europe/Paris", "02:15", "02:45", "2026-03-29T00:59:00Z", false, "2026-04-05T00:15:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-10-24T22:30:00Z", true, "2026-10-25T02:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-10-25T00:30:00Z", true, "2026-10-25T02:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-10-25T01:30:00Z", true, "2026-10-25T02:30:00Z"],
  ["Europe/Paris", "00:30", "03:30", "2026-10-25T02:30:00Z", false, "2026-10-31T23:30:00Z"],
])("%s, Sunday %s-%s, at %s", (zone, opens, closes, instant, open, changesAt) => {
  const schedule = sunday(zone, opens, closes);
  it(`is ${open ? "open" : "closed"}`, () => {
    expect(isOpen(schedule, at(instant), "UTC")).toBe(open);
  });
  it(`changes at ${changesAt}`, () => {
    expect(openState(schedule, at(instant), "UTC")).toEqual({
      open,
      holiday: null,
      timezone: zone,
      changesAt: at(changesAt),
    });
  });
});

describe("holidays", () => {
  // Weekdays 09:00-17:00 in Paris; Christmas 2026 is a Friday.
  const office: ScheduleRules = {
    timezone: "Europe/Paris",
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensMinute: hm("09:00"), closesMinute: hm("17:00") })),
    holidays: [{ day: "2026-12-25", name: "Christmas" }],
  };

  it("closes the whole local day", () => {
    expect(isOpen(office, at("2026-12-24T10:00:00Z"), "UTC")).toBe(true);
    expect(isOpen(office, at("2026-12-25T10:00:00Z"), "UTC")).toBe(false);
    expect(openState(office, at("2026-12-25T10:00:00Z"), "UTC")).toEqual({
      open: false,
      holiday: "Christmas",
      timezone: "Europe/Paris",
      changesAt: at("2026-12-28T08:00:00Z"),
    });
  });

  it("is a day of the schedule's zone, not of UTC", () => {
    // 23:30Z on the 24th is already the 25th in Paris; in New York, still the 24th, 18:30
    const newYork = { ...office, timezone: "America/New_York" };
    expect(openState(office, at("2026-12-24T23:30:00Z"), "UTC").holiday).toBe("Christmas");
    expect(openState(newYork, at("2026-12-24T23:30:00Z"), "UTC").holiday).toBeNull();
  });

  it("skips the holiday when saying when it next opens", () => {
    expect(openState(office, at("2026-12-24T15:00:00Z"), "UTC")).toMatchObject({
      open: true,
      changesAt: at("2026-12-24T16:00:00Z"),
    });
    expect(openState(office, at("2026-12-24T16:00:00Z"), "UTC")).toMatchObject({
      open: false,
      changesAt: at("2026-12-28T08:00:00Z"),
    });
  });
});

describe("the time zone", () => {
  const inherits: ScheduleRules = {
    timezone: null,
    hours: [{ weekday: 1, opensMinute: hm("09:00"), closesMinute: hm("17:00") }],
    holidays: [],
  };
  // Monday 30 November 2026, 15:00Z: 16:00 in Paris, 10:00 in New York, 07:00 in Los Angeles.
  const monday = at("2026-11-30T15:00:00Z");

  it("is the account's when the schedule has none, and follows it", () => {
    expect(openState(inherits, monday, "Europe/Paris")).toMatchObject({ open: true, timezone: "Europe/Paris" });
    expect(openState(inherits, monday, "America/Los_Angeles")).toMatchObject({
      open: false,
      timezone: "America/Los_Angeles",
      changesAt: at("2026-11-30T17:00:00Z"),
    });
  });

  it("is the schedule's own when it sets one", () => {
    const own = { ...inherits, timezone: "America/New_York" };
    expect(openState(own, monday, "America/Los_Angeles")).toMatchObject({
      open: true,
      timezone: "America/New_York",
      changesAt: at("2026-11-30T22:00:00Z"),
    });
  });

  it("never opens without hours, and is open all week when every day is 00:00-24:00", () => {
    expect(openState({ ...inherits, hours: [] }, monday, "UTC")).toEqual({
      open: false,
      holiday: null,
      timezone: "UTC",
      changesAt: null,
    });
    const always = {
      ...inherits,
      hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: 0, closesMinute: 1440 })),
    };
    expect(openState(always, monday, "Europe/Paris")).toMatchObject({ open: true, changesAt: null });
  });
});
