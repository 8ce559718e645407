"use client";

import { useEffect, useRef, useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { revokeApiKeyAction } from "./actions";

/** Revoke, after a question: the key stops working at once, for good. */
export function RevokeKey(props: { keyId: string; label: string }) {
  const summaryId = `revoke-${props.keyId}-problems`;
  const { state, onSubmit, pending, hydrated, formRef } = useFormAction(revokeApiKeyAction, { summaryId });
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    // The question takes the focus, not the confirming button: the key press that opened it must
    // never also confirm it.
    if (confirming) questionRef.current?.focus();
  }, [confirming]);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="flex flex-col gap-2" aria-describedby={summaryId}>
      <input type="hidden" name="keyId" value={props.keyId} />
      <div className="flex flex-wrap items-center gap-2">
        {confirming ? (
          <>
            <span key="question" ref={questionRef} tabIndex={-1} className="text-sm">
              Revoke {props.label}? Programs using it are refused from their next request.
            </span>
            <Button key="confirm" type="submit" variant="danger" size="sm" disabled={!hydrated || pending}>
              Yes, revoke
            </Button>
            <Button key="cancel" variant="secondary" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </Button>
          </>
        ) : (
          <Button key="revoke" variant="danger" size="sm" onClick={() => setConfirming(true)} disabled={!hydrated}>
            Revoke<span className="sr-only"> {props.label}</span>
          </Button>
        )}
      </div>
      <FormSummary id={summaryId} problems={state.problems} />
    </form>
  );
}
