"use server";

import { serverCaller } from "@/server/api/server-caller";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/**
 * The schedule editor sends its lists (hours, holidays) and choices as one JSON field; the
 * procedure's schema checks every part of it, as it does for any other client.
 */
function payloadOf(form: FormData): { ok: true; value: Record<string, unknown> } | { ok: false; state: FormState } {
  try {
    const value: unknown = JSON.parse(text(form, "payload"));
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return { ok: true, value: value as Record<string, unknown> };
    }
  } catch {
    // Falls through to the same answer as a payload that is not an object.
  }
  return {
    ok: false,
    state: {
      problems: [
        { reason: "invalid_form", field: null, message: "The form could not be read. Reload the page and try again." },
      ],
    },
  };
}

export async function createScheduleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const payload = payloadOf(form);
  if (!payload.ok) return payload.state;
  const caller = await serverCaller();
  // The schema decides what the payload may hold; anything else is refused at its field.
  const result = await attempt(() =>
    caller.schedules.create(payload.value as Parameters<typeof caller.schedules.create>[0]),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/schedules/${result.value.id}?done=created` };
}

export async function updateScheduleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const payload = payloadOf(form);
  if (!payload.ok) return payload.state;
  const caller = await serverCaller();
  const id = text(form, "id");
  const result = await attempt(() =>
    caller.schedules.update({ ...(payload.value as Parameters<typeof caller.schedules.update>[0]), id }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/schedules/${id}?done=saved` };
}

export async function deleteScheduleAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.schedules.delete({ id: text(form, "id") }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/schedules?done=deleted" };
}
