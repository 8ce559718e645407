"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import type { FormState } from "../../../form-state";

/**
 * A new idempotency key: the same key goes with every submit of the same filled-in form (a double
 * click or a retry after a lost answer credits once), and a changed form gets a new one. Made with
 * getRandomValues, which works on a brand's plain-HTTP development host too.
 */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `portal-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/** Top-up, refund or correction of a child's wallet. */
export function PostEntryForm(props: { accountId: string; accountName: string; currency: string; action: Action }) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: "post-problems" });
  const [key, setKey] = useState(newKey);
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      onChange={() => setKey(newKey())}
      className="flex flex-col gap-3"
      aria-label={`Add to or take from ${props.accountName}'s wallet`}
    >
      <input type="hidden" name="accountId" value={props.accountId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Field id="posting" label="What">
          {(control) => (
            <Select {...control} name="posting" defaultValue="top_up">
              <option value="top_up">Top-up (adds)</option>
              <option value="refund">Refund (adds)</option>
              <option value="credit">Correction that adds</option>
              <option value="debit">Correction that takes away</option>
            </Select>
          )}
        </Field>
        <Field id="amount" label={`Amount (${props.currency})`} error={problemAt(state.problems, "amountMinor")}>
          {(control) => (
            <Input {...control} name="amount" inputMode="decimal" autoComplete="off" placeholder="25.00" required />
          )}
        </Field>
        <Field id="reason" label="Reason" error={problemAt(state.problems, "reason")} help="The account sees it.">
          {(control) => (
            <Input {...control} name="reason" maxLength={200} placeholder="Prepaid credit for December" required />
          )}
        </Field>
      </div>
      <FormSummary id="post-problems" problems={state.problems} />
      <div>
        <Button type="submit" disabled={!hydrated || pending}>
          {pending ? "Posting…" : "Post to the wallet"}
        </Button>
      </div>
    </form>
  );
}

/** How far below zero a child's balance may go. */
export function CreditLimitForm(props: {
  accountId: string;
  currency: string;
  /** The limit now, as the amount field shows it ("50.00"). */
  current: string;
  action: Action;
}) {
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(props.action, { summaryId: "limit-problems" });
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-3" aria-label="Credit limit">
      <input type="hidden" name="accountId" value={props.accountId} />
      <Field
        id="credit-limit"
        label={`Credit limit (${props.currency})`}
        error={problemAt(state.problems, "creditLimitMinor")}
        help="How far below zero calls may take the balance. 0: prepaid only."
        className="max-w-xs"
      >
        {(control) => (
          <Input
            {...control}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            defaultValue={props.current}
            required
          />
        )}
      </Field>
      <FormSummary id="limit-problems" problems={state.problems} />
      <div>
        <Button type="submit" variant="secondary" disabled={!hydrated || pending}>
          {pending ? "Saving…" : "Save the credit limit"}
        </Button>
      </div>
    </form>
  );
}
