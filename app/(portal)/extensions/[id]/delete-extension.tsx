"use client";

import { useEffect, useRef, useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { deleteExtensionAction } from "../actions";

/** Delete the extension, after a question; refused (with why) while it has devices or calls route to it. */
export function DeleteExtension(props: { extension: { id: string; number: string } }) {
  const summaryId = "extension-delete-problems";
  const { state, onSubmit, pending, hydrated } = useFormAction(deleteExtensionAction, { summaryId });
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    // Refused: the question is answered; the reason shows below, and the button is back for later.
    if (state.problems.length > 0) setConfirming(false);
  }, [state]);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2" aria-describedby={summaryId}>
      <input type="hidden" name="extensionId" value={props.extension.id} />
      <div className="flex flex-wrap items-center gap-2">
        {confirming ? (
          <>
            <span key="question" ref={questionRef} tabIndex={-1} className="text-sm">
              Delete extension {props.extension.number}?
            </span>
            <Button key="confirm" type="submit" variant="danger" size="sm" disabled={!hydrated || pending}>
              {pending ? "Deleting…" : "Yes, delete"}
            </Button>
            <Button key="cancel" variant="secondary" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
              Cancel
            </Button>
          </>
        ) : (
          <Button key="delete" variant="danger" size="sm" onClick={() => setConfirming(true)} disabled={!hydrated}>
            Delete extension
          </Button>
        )}
      </div>
      <FormSummary id={summaryId} problems={state.problems} />
    </form>
  );
}
