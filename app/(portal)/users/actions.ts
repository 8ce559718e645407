"use server";

import { serverCaller } from "@/server/api/server-caller";
import type { Role } from "@/server/auth/permissions";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function inviteUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.users.invite({ email: text(form, "email"), name: text(form, "name"), role: text(form, "role") as Role }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/users/${result.value.id}?done=invited` };
}

export async function updateUserAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const userId = text(form, "userId");
  const role = text(form, "role");
  const result = await attempt(() =>
    caller.users.update({ userId, name: text(form, "name"), role: role ? (role as Role) : undefined }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: `/users/${userId}?done=saved` };
}

/** Deactivate, reactivate, or send the invitation again: the button pressed says which. */
export async function userStatusAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const userId = text(form, "userId");
  const change = text(form, "change");
  const result = await attempt(() => {
    if (change === "deactivate") return caller.users.deactivate({ userId });
    if (change === "reactivate") return caller.users.reactivate({ userId });
    return caller.users.resendInvitation({ userId });
  });
  if (!result.ok) return result.state;
  const done = { deactivate: "deactivated", reactivate: "reactivated" }[change] ?? "resent";
  return { problems: [], next: `/users/${userId}?done=${done}` };
}
