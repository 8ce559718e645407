"use server";

import { attempt, type FormState } from "@/app/(portal)/form-state";
import { serverCaller } from "@/server/api/server-caller";
import { problem } from "@/server/domain-error";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** The sign-in page, with the tenant and e-mail filled in and a line saying what just happened. */
function signInPage(hint: { tenant: string; email: string }, done: string): string {
  return `/login?${new URLSearchParams({ tenant: hint.tenant, email: hint.email, done })}`;
}

/** Both password fields must match before anything is sent. */
function mismatch(form: FormData, field: string): FormState | null {
  return text(form, field) === text(form, "confirmPassword")
    ? null
    : { problems: [problem("password_mismatch", "The two passwords are not the same.", "confirmPassword")] };
}

export async function acceptInvitationAction(_previous: FormState, form: FormData): Promise<FormState> {
  const refused = mismatch(form, "password");
  if (refused) return refused;
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.invitation.accept({
      token: text(form, "token"),
      name: text(form, "name"),
      password: text(form, "password"),
    }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: signInPage(result.value, "invitation-accepted") };
}

export async function requestPasswordResetAction(_previous: FormState, form: FormData): Promise<FormState> {
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.passwordReset.request({ tenant: text(form, "tenant"), email: text(form, "email") }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: "/forgot-password?sent=1" };
}

export async function resetPasswordAction(_previous: FormState, form: FormData): Promise<FormState> {
  const refused = mismatch(form, "password");
  if (refused) return refused;
  const caller = await serverCaller();
  const result = await attempt(() =>
    caller.passwordReset.reset({ token: text(form, "token"), password: text(form, "password") }),
  );
  if (!result.ok) return result.state;
  return { problems: [], next: signInPage(result.value, "password-reset") };
}
