"use client";

import type { FormState } from "@/app/(portal)/form-state";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * The low-balance alert of the caller's own account (no `accountId`) or of a child it bills: the
 * amount below which the owners and admins on both sides are e-mailed, or empty for no alert.
 */
export function AlertThresholdForm(props: {
  accountId?: string;
  currency: string;
  /** The threshold now, as the amount field shows it ("20.00"), or "" when there is none. */
  current: string;
  /** Who is mailed, in the reader's words ("your account's owners and admins, and your provider"). */
  whoIsTold: string;
  action: Action;
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: "alert-problems" });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Low-balance alert">
      {props.accountId ? <input type="hidden" name="accountId" value={props.accountId} /> : null}
      <Field
        id="alert-threshold"
        label={`Alert below (${props.currency})`}
        error={problemAt(state.problems, "thresholdMinor")}
        help={`When the balance falls below this, we e-mail ${props.whoIsTold}, once each time. Leave it empty for no alert.`}
        className="max-w-xs"
      >
        {(control) => (
          <Input
            {...control}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder="20.00"
            defaultValue={props.current}
          />
        )}
      </Field>
      <FormSummary id="alert-problems" problems={state.problems} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="secondary" disabled={!hydrated || pending}>
          {pending ? "Saving…" : "Save the alert"}
        </Button>
        {props.current ? (
          <Button type="submit" name="intent" value="off" variant="danger" disabled={!hydrated || pending}>
            Turn the alert off
          </Button>
        ) : null}
      </div>
    </form>
  );
}
