"use client";

import { useEffect, useRef, useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { problemAt } from "@/components/form/problems";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { assignNumberAction, takeBackNumberAction } from "../actions";

type Query = { q?: string; after?: string };

function Hidden(props: { numberId: string; query: Query }) {
  return (
    <>
      <input type="hidden" name="numberId" value={props.numberId} />
      {props.query.q ? <input type="hidden" name="q" value={props.query.q} /> : null}
      {props.query.after ? <input type="hidden" name="after" value={props.query.after} /> : null}
    </>
  );
}

/** A free number of the pool: choose an account below and assign it. */
export function AssignForm(props: {
  number: { id: string; international: string };
  accounts: readonly { id: string; name: string }[];
  query: Query;
}) {
  const { number } = props;
  const summaryId = `assign-${number.id}-problems`;
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(assignNumberAction, { summaryId });
  const [accountId, setAccountId] = useState("");
  if (props.accounts.length === 0) {
    return <p className="text-sm text-slate-600">Create an account below yours to assign numbers to it.</p>;
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-2">
      <Hidden numberId={number.id} query={props.query} />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <Field
          id={`assign-${number.id}`}
          label={<span>Assign {number.international} to</span>}
          error={problemAt(state.problems, "accountId", "numberId")}
          className="min-w-0 flex-1"
        >
          {(control) => (
            <Select
              {...control}
              name="accountId"
              value={accountId}
              onChange={(event) => setAccountId(event.target.value)}
              data-testid="assign-account"
            >
              <option value="">Choose an account</option>
              {props.accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" disabled={!hydrated || pending} className="self-start sm:self-end">
          {pending ? "Assigning…" : "Assign"}
          <span className="sr-only"> {number.international}</span>
        </Button>
      </div>
      <FormSummary id={summaryId} problems={state.problems} />
    </form>
  );
}

/** A number held below: take it back (its holder's route for it goes), after a question. */
export function TakeBackForm(props: { number: { id: string; international: string }; holder: string; query: Query }) {
  const { number } = props;
  const summaryId = `take-back-${number.id}-problems`;
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(takeBackNumberAction, { summaryId });
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLSpanElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The question takes the focus, so the key press that asked it never also answers it.
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => buttonRef.current?.focus());
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-2">
      <Hidden numberId={number.id} query={props.query} />
      <div className="flex flex-wrap items-center gap-2">
        {confirming ? (
          <>
            <span key="question" ref={questionRef} tabIndex={-1} className="text-sm">
              Take {number.international} back from {props.holder}? Calls to it stop reaching {props.holder}.
            </span>
            <Button key="confirm" type="submit" variant="danger" size="sm" disabled={!hydrated || pending}>
              {pending ? "Taking back…" : "Yes, take back"}
            </Button>
            <Button key="cancel" variant="secondary" size="sm" onClick={cancel} disabled={pending}>
              Cancel
            </Button>
          </>
        ) : (
          <Button
            key="ask"
            ref={buttonRef}
            variant="secondary"
            size="sm"
            onClick={() => setConfirming(true)}
            disabled={!hydrated || pending}
          >
            Take back<span className="sr-only"> {number.international}</span>
          </Button>
        )}
      </div>
      <FormSummary id={summaryId} problems={state.problems} />
    </form>
  );
}
