"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateDeviceAction } from "../actions";

/** A device's label and caller ID (empty: the account's default), behind a disclosure in its row. */
export function EditDevice(props: {
  extensionId: string;
  device: { id: string; label: string; callerIdNumber: string | null; identity: string };
}) {
  const { device } = props;
  const summaryId = `device-${device.id}-edit-problems`;
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(updateDeviceAction, { summaryId });
  const [values, setValues] = useState({ label: device.label, callerIdNumber: device.callerIdNumber ?? "" });
  const at = (field: string) => problemAt(state.problems, field);
  return (
    // Open while the server refuses something, so the problems stay in view.
    <details className="text-sm" open={state.problems.length > 0 ? true : undefined}>
      <summary className="cursor-pointer font-medium text-brand">
        Edit<span className="sr-only"> {device.identity}</span>
      </summary>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-3 flex max-w-xl flex-col gap-3">
        <input type="hidden" name="deviceId" value={device.id} />
        <input type="hidden" name="extensionId" value={props.extensionId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`device-${device.id}-label`} label="Label" error={at("label")}>
            {(control) => (
              <Input
                {...control}
                name="label"
                required
                maxLength={80}
                value={values.label}
                onChange={(event) => setValues((current) => ({ ...current, label: event.target.value }))}
              />
            )}
          </Field>
          <Field
            id={`device-${device.id}-caller-id`}
            label="Caller ID"
            error={at("callerIdNumber")}
            help="Empty: the account's default."
          >
            {(control) => (
              <Input
                {...control}
                name="callerIdNumber"
                type="tel"
                autoComplete="off"
                maxLength={32}
                value={values.callerIdNumber}
                onChange={(event) => setValues((current) => ({ ...current, callerIdNumber: event.target.value }))}
              />
            )}
          </Field>
        </div>
        <FormSummary id={summaryId} problems={state.problems} />
        <Button type="submit" size="sm" disabled={!hydrated || pending} className="self-start">
          {pending ? "Saving…" : "Save device"}
        </Button>
      </form>
    </details>
  );
}
