"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { useUnsavedChanges } from "@/components/form/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { FormState } from "../form-state";

/**
 * Create an extension, or change one's number and name. Controlled: what was typed stays after a
 * refusal (a taken number shows at the number field).
 */
export function ExtensionForm(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  extension?: { id: string; number: string; name: string };
}) {
  const summaryId = props.extension ? "extension-edit-problems" : "extension-create-problems";
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId });
  const [baseline] = useState(() => ({ number: props.extension?.number ?? "", name: props.extension?.name ?? "" }));
  const [values, setValues] = useState(baseline);
  useUnsavedChanges((values.number !== baseline.number || values.name !== baseline.name) && !state.next);
  const at = (field: string) => problemAt(state.problems, field);
  const prefix = props.extension ? "extension-edit" : "extension-new";

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-4">
      {props.extension ? <input type="hidden" name="extensionId" value={props.extension.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <Field id={`${prefix}-number`} label="Number" error={at("number")} help="2 to 6 digits, not starting with 0.">
          {(control) => (
            <Input
              {...control}
              name="number"
              inputMode="numeric"
              autoComplete="off"
              required
              maxLength={6}
              value={values.number}
              onChange={(event) => setValues((current) => ({ ...current, number: event.target.value }))}
            />
          )}
        </Field>
        <Field id={`${prefix}-name`} label="Name" error={at("name")} help="Who or what answers, like Front desk.">
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
      </div>
      <div className="flex flex-col gap-3">
        <FormSummary id={summaryId} problems={state.problems} />
        <Button type="submit" disabled={!hydrated || pending} className="self-start">
          {pending ? "Saving…" : props.extension ? "Save changes" : "Create extension"}
        </Button>
      </div>
    </form>
  );
}
