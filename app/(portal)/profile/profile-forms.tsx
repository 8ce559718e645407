"use client";

import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordAction, updateNameAction } from "./actions";

export function NameForm({ name }: { name: string }) {
  const summaryId = "profile-name-problems";
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(updateNameAction, { summaryId });
  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate className="flex max-w-md flex-col gap-4">
      <Field id="profile-name" label="Name" error={problemAt(state.problems, "name")}>
        {(control) => (
          <Input {...control} name="name" autoComplete="name" required maxLength={80} defaultValue={name} />
        )}
      </Field>
      <FormSummary id={summaryId} problems={state.problems} />
      <Button type="submit" disabled={!hydrated || pending} className="self-start">
        {pending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}

export function PasswordChangeForm({ email }: { email: string }) {
  const summaryId = "profile-password-problems";
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(changePasswordAction, { summaryId });
  const at = (field: string) => problemAt(state.problems, field);
  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate className="flex max-w-md flex-col gap-4">
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field id="current-password" label="Current password" error={at("currentPassword")}>
        {(control) => (
          <Input {...control} name="currentPassword" type="password" autoComplete="current-password" required />
        )}
      </Field>
      <Field
        id="new-password"
        label="New password"
        error={at("newPassword")}
        help="At least 12 characters. Changing it signs you out on your other devices."
      >
        {(control) => (
          <Input {...control} name="newPassword" type="password" autoComplete="new-password" required minLength={12} />
        )}
      </Field>
      <Field id="confirm-password" label="Repeat the new password" error={at("confirmPassword")}>
        {(control) => (
          <Input {...control} name="confirmPassword" type="password" autoComplete="new-password" required />
        )}
      </Field>
      <FormSummary id={summaryId} problems={state.problems} />
      <Button type="submit" disabled={!hydrated || pending} className="self-start">
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
