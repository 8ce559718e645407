"use client";

import type { ReactNode } from "react";
import type { FormState } from "@/app/(portal)/form-state";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const SUMMARY_ID = "password-form-problems";
const PASSWORD_HELP = "At least 12 characters. A few unrelated words make a strong one.";

/**
 * Choose a password through a link (invitation or reset): the token travels in a hidden field, and
 * `extra` fields (the invitee's name) come first. What was typed stays after a refusal.
 */
export function PasswordForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  token: string;
  email: string;
  submitLabel: string;
  name?: string;
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: SUMMARY_ID });
  const at = (field: string) => problemAt(state.problems, field);
  let nameField: ReactNode = null;
  if (props.name !== undefined) {
    nameField = (
      <Field id="invitee-name" label="Your name" error={at("name")}>
        {(control) => (
          <Input {...control} name="name" autoComplete="name" required maxLength={80} defaultValue={props.name} />
        )}
      </Field>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate className="flex flex-col gap-4">
      <input type="hidden" name="token" value={props.token} />
      {/* Lets password managers save the new password under the right sign-in. */}
      <input type="hidden" name="username" autoComplete="username" value={props.email} />
      {nameField}
      <Field id="new-password" label="New password" error={at("password")} help={PASSWORD_HELP}>
        {(control) => (
          <Input {...control} name="password" type="password" autoComplete="new-password" required minLength={12} />
        )}
      </Field>
      <Field id="confirm-password" label="Repeat the password" error={at("confirmPassword")}>
        {(control) => (
          <Input {...control} name="confirmPassword" type="password" autoComplete="new-password" required />
        )}
      </Field>
      <FormSummary id={SUMMARY_ID} problems={state.problems} />
      <Button type="submit" disabled={!hydrated || pending}>
        {pending ? "Saving…" : props.submitLabel}
      </Button>
    </form>
  );
}
