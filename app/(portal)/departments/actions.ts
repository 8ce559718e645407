"use server";

import { serverCaller } from "@/server/api/server-caller";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

const strategy = (form: FormData) => (text(form, "ringStrategy") === "in_order" ? "in_order" : "simultaneous");

/** The members in ring order: one `memberIds` entry each, as the form lists them. */
const memberIds = (form: FormData) =>
  form.getAll("memberIds").filter((each): each is string => typeof each === "string");

export async function createDepartmentAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.departments.create({ name: text(form, "name"), ringStrategy: strategy(form), memberIds: memberIds(form) }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/departments/${result.value.id}?done=created` };
}

export async function updateDepartmentAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const id = text(form, "id");
  const result = await attempt(() =>
    caller.departments.update({
      id,
      name: text(form, "name"),
      ringStrategy: strategy(form),
      memberIds: memberIds(form),
    }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/departments/${id}?done=saved` };
}

export async function deleteDepartmentAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.departments.delete({ id: text(form, "id") }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/departments?done=deleted" };
}
