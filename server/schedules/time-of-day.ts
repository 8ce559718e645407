/** Times of day as people type them ("09:00", "24:00") and as the database keeps them (minutes). */

export const WEEKDAYS = [
  { weekday: 1, name: "Monday" },
  { weekday: 2, name: "Tuesday" },
  { weekday: 3, name: "Wednesday" },
  { weekday: 4, name: "Thursday" },
  { weekday: 5, name: "Friday" },
  { weekday: 6, name: "Saturday" },
  { weekday: 7, name: "Sunday" },
] as const;

const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** "09:30" -> 570; "24:00" -> 1440 (midnight at the end of the day); anything else -> null. */
export function minutesOf(text: string): number | null {
  if (text === "24:00") return 1440;
  const match = TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 570 -> "09:30"; 1440 -> "24:00". */
export function timeOf(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone"));
// Intl's list leaves out the canonical "UTC" alias on some ICU builds; it is always valid.
TIME_ZONES.add("UTC");

export function isTimeZone(zone: string): boolean {
  return TIME_ZONES.has(zone);
}

/** The zones a schedule may keep, sorted, for pickers. */
export function timeZoneNames(): string[] {
  return [...TIME_ZONES].sort();
}
