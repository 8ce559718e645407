import { describe, expect, it } from "vitest";
import { isTimeZone, minutesOf, timeOf } from "./time-of-day";

describe("times of day", () => {
  it.each([
    ["00:00", 0],
    ["09:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
    ["24:01", null],
    ["9:30", null],
    ["25:00", null],
    ["12:60", null],
    ["", null],
  ])("%j is %j minutes", (text, minutes) => {
    expect(minutesOf(text)).toBe(minutes);
  });

  it("writes minutes back as they are typed", () => {
    for (const minutes of [0, 570, 1439, 1440]) expect(minutesOf(timeOf(minutes))).toBe(minutes);
  });

  it("knows IANA zones, UTC included, and nothing else", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
