"use server";

import { serverCaller } from "@/server/api/server-caller";
import { problem } from "@/server/domain-error";
import { attempt, type FormState } from "../form-state";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function updateNameAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() => caller.profile.updateName({ name: text(form, "name") }));
  if (!result.ok) return result.state;
  return { problems: [], next: "/profile?done=name" };
}

/** The procedure gives this browser a new session cookie (the old session ended with the password). */
export async function changePasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  if (text(form, "newPassword") !== text(form, "confirmPassword")) {
    return { problems: [problem("password_mismatch", "The two new passwords are not the same.", "confirmPassword")] };
  }
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.profile.changePassword({
      currentPassword: text(form, "currentPassword"),
      newPassword: text(form, "newPassword"),
    }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: "/profile?done=password" };
}
