"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ROLES, type Role } from "@/server/auth/permissions";
import { mayManageRole } from "@/server/people/role-rules";
import type { FormState } from "../form-state";
import { ROLE_HELP } from "./invite-form";
import { ROLE_LABELS } from "./user-badges";

const SUMMARY_ID = "user-problems";

/**
 * A person's name and role. The role can be changed only to and from roles the actor may manage,
 * and never one's own (the select is disabled then, saying why); the procedure refuses anyway.
 */
export function UserForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  actorRole: Role;
  self: boolean;
  person: { id: string; name: string; role: Role };
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: SUMMARY_ID });
  const [values, setValues] = useState({ name: props.person.name, role: props.person.role });
  useUnsavedChanges((values.name !== props.person.name || values.role !== props.person.role) && !state.next);
  const at = (field: string) => problemAt(state.problems, field);
  const roleLocked = props.self || !mayManageRole(props.actorRole, props.person.role);
  const roles = roleLocked ? [props.person.role] : ROLES.filter((role) => mayManageRole(props.actorRole, role));
  const roleHelp = props.self
    ? "You cannot change your own role."
    : roleLocked
      ? "Only an owner can change an owner's role."
      : ROLE_HELP[values.role];

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      <input type="hidden" name="userId" value={props.person.id} />
      <Field id="user-name" label="Name" error={at("name")}>
        {(control) => (
          <Input
            {...control}
            name="name"
            required
            maxLength={120}
            value={values.name}
            onChange={(event) => setValues((current) => ({ ...current, name: event.target.value }))}
          />
        )}
      </Field>
      <Field id="user-role" label="Role" error={at("role")} help={roleHelp}>
        {(control) => (
          <Select
            {...control}
            // A disabled select is not submitted: no role in the request means "unchanged".
            name="role"
            disabled={roleLocked}
            value={values.role}
            onChange={(event) => setValues((current) => ({ ...current, role: event.target.value as Role }))}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex flex-col gap-3">
        <FormSummary id={SUMMARY_ID} problems={state.problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
