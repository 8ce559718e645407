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
import { ROLE_LABELS } from "./user-badges";

const SUMMARY_ID = "invite-problems";

export const ROLE_HELP: Record<Role, string> = {
  owner: "everything, including other owners",
  admin: "everything except owners",
  manager: "runs the phone system; does not manage people or settings",
  member: "sees the phone system",
};

/**
 * Invite a person by e-mail. Only the roles the inviter may grant are offered (the procedure
 * refuses the others anyway); what was typed stays after any refusal, each problem at its field.
 */
export function InviteForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  actorRole: Role;
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: SUMMARY_ID });
  const roles = ROLES.filter((role) => mayManageRole(props.actorRole, role));
  const [values, setValues] = useState({ email: "", name: "", role: "member" as Role });
  useUnsavedChanges((values.email !== "" || values.name !== "") && !state.next);
  const at = (field: string) => problemAt(state.problems, field);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      <Field id="invite-email" label="E-mail" error={at("email")} help="The invitation goes to this address.">
        {(control) => (
          <Input
            {...control}
            name="email"
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            value={values.email}
            onChange={(event) => setValues((current) => ({ ...current, email: event.target.value }))}
          />
        )}
      </Field>
      <Field id="invite-name" label="Name" error={at("name")}>
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
      <Field id="invite-role" label="Role" error={at("role")} help={ROLE_HELP[values.role]}>
        {(control) => (
          <Select
            {...control}
            name="role"
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
          {pending ? "Inviting…" : "Send invitation"}
        </Button>
      </div>
    </form>
  );
}
