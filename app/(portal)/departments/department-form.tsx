"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field, FieldError } from "@/components/ui/field";
import { Checkbox, Input, Select } from "@/components/ui/input";
import type { FormState } from "../form-state";

type Person = { id: string; name: string; email: string; status: string };
type Values = { name: string; ringStrategy: "simultaneous" | "in_order"; memberIds: string[] };

/**
 * Create or edit a department: its name, how it rings, and its members (the account's users who
 * are not deactivated), in ring order: the order they were ticked, changed with "Move up". What was
 * typed stays after any refusal; problems show at their fields and by the button.
 */
export function DepartmentForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  mode: "create" | "edit";
  people: Person[];
  department?: { id: string; name: string; ringStrategy: Values["ringStrategy"]; members: Person[] };
}) {
  const summaryId = `department-${props.mode}-problems`;
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId });
  const [baseline] = useState<Values>(() => ({
    name: props.department?.name ?? "",
    ringStrategy: props.department?.ringStrategy ?? "simultaneous",
    memberIds: props.department?.members.map((member) => member.id) ?? [],
  }));
  const [values, setValues] = useState(baseline);
  const dirty = JSON.stringify(values) !== JSON.stringify(baseline);
  useUnsavedChanges(dirty && !state.next);

  // Members no longer offered (deactivated since) still show, so that saving keeps what is there.
  const known = new Map([...(props.department?.members ?? []), ...props.people].map((each) => [each.id, each]));
  const people = [...new Map([...props.people, ...(props.department?.members ?? [])].map((p) => [p.id, p])).values()];
  const at = (field: string) => problemAt(state.problems, field);
  const memberProblem = state.problems
    .filter((each) => each.field === "memberIds" || each.field?.startsWith("memberIds."))
    .map((each) => each.message)
    .join(" ");

  const toggle = (id: string, on: boolean) =>
    setValues((current) => ({
      ...current,
      memberIds: on ? [...current.memberIds, id] : current.memberIds.filter((each) => each !== id),
    }));
  const moveUp = (index: number) =>
    setValues((current) => {
      const memberIds = [...current.memberIds];
      const [moved] = memberIds.splice(index, 1);
      if (moved) memberIds.splice(index - 1, 0, moved);
      return { ...current, memberIds };
    });
  const prefix = `department-${props.mode}`;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      {props.department ? <input type="hidden" name="id" value={props.department.id} /> : null}
      {values.memberIds.map((id) => (
        <input key={id} type="hidden" name="memberIds" value={id} />
      ))}
      <Field id={`${prefix}-name`} label="Name" error={at("name")}>
        {(control) => (
          <Input
            {...control}
            name="name"
            required
            maxLength={80}
            value={values.name}
            onChange={(event) => setValues((current) => ({ ...current, name: event.target.value }))}
          />
        )}
      </Field>
      <Field id={`${prefix}-ring`} label="Ringing" error={at("ringStrategy")}>
        {(control) => (
          <Select
            {...control}
            name="ringStrategy"
            value={values.ringStrategy}
            onChange={(event) =>
              setValues((current) => ({ ...current, ringStrategy: event.target.value as Values["ringStrategy"] }))
            }
          >
            <option value="simultaneous">All members at once</option>
            <option value="in_order">One after another, in order</option>
          </Select>
        )}
      </Field>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={memberProblem ? `${prefix}-members-error` : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Members</legend>
        {people.length === 0 ? (
          <p className="text-sm text-slate-600">This account has no users to add yet.</p>
        ) : (
          people.map((person) => (
            <Checkbox
              key={person.id}
              checked={values.memberIds.includes(person.id)}
              onChange={(event) => toggle(person.id, event.target.checked)}
              label={
                <>
                  {person.name} <span className="font-normal text-slate-600">{person.email}</span>
                  {person.status === "invited" ? <span className="font-normal text-slate-600"> (invited)</span> : null}
                </>
              }
            />
          ))
        )}
        {memberProblem ? <FieldError id={`${prefix}-members-error`}>{memberProblem}</FieldError> : null}
      </fieldset>
      {values.memberIds.length > 1 ? (
        <div className="flex flex-col gap-2">
          <h3 className="text-sm font-medium">Ring order</h3>
          <ol className="flex list-decimal flex-col gap-1 pl-6 text-sm" data-testid={`${prefix}-order`}>
            {values.memberIds.map((id, index) => (
              <li key={id}>
                <span className="mr-2">{known.get(id)?.name ?? id}</span>
                {index > 0 ? (
                  <Button
                    variant="link"
                    size="sm"
                    onClick={() => moveUp(index)}
                    aria-label={`Move ${known.get(id)?.name ?? "this member"} up`}
                  >
                    Move up
                  </Button>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="flex flex-col gap-3">
        <FormSummary id={summaryId} problems={state.problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Saving…" : props.mode === "create" ? "Create department" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
