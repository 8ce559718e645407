import { languageName } from "@/server/tenancy/languages";
import { fieldLabel } from "../field-labels";

export type ChangeLine = { field: string; label: string; before?: string; after?: string };

/** What a stored value means to a person: plan names for plan ids, words for flags and codes. */
function readable(field: string, value: unknown, plans: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field === "planId" && typeof value === "string") return plans.get(value) ?? value;
  if (field === "language" && typeof value === "string") return languageName(value);
  if (field === "logoUrl") return "a logo";
  if (typeof value === "boolean") return value ? "yes" : "no";
  // A list (a key's permissions): words with spaces between, so that a narrow column wraps it.
  if (Array.isArray(value)) return value.map((each) => readable(field, each, plans)).join(", ");
  if (field === "status" || field === "voiceGender" || field === "kind") return String(value).replace("_", " ");
  return String(value);
}

/**
 * An entry's before/after details as one line per field, under the field's label: changed
 * (before → after), set (after only) or removed (before only).
 */
export function changeLines(details: Record<string, unknown>, plans: ReadonlyMap<string, string>): ChangeLine[] {
  const before = (isRecord(details.before) ? details.before : {}) as Record<string, unknown>;
  const after = (isRecord(details.after) ? details.after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields.map((field) => ({
    field,
    label: fieldLabel(field),
    ...(field in before ? { before: readable(field, before[field], plans) } : {}),
    ...(field in after ? { after: readable(field, after[field], plans) } : {}),
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "29 Nov 2026, 21:04" in `timeZone`, with the zone's short name, for the audit log. */
export function formatWhen(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(date);
}
