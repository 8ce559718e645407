"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import type { FormState } from "../form-state";

/** "Delete…" with a confirmation; a refusal (still in use) shows in the dialog, in words. */
export function DeleteButton(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  id: string;
  what: string;
  name: string;
}) {
  const summaryId = `delete-${props.what}-problems`;
  const { state, onSubmit, pending, hydrated } = useFormAction(props.action, { summaryId });
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="danger" disabled={!hydrated}>
          Delete {props.what}…
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`Delete ${props.name}?`}
        description={`Calls can no longer be routed to this ${props.what}. This cannot be undone.`}
      >
        <form onSubmit={onSubmit} className="flex flex-col gap-3">
          <input type="hidden" name="id" value={props.id} />
          {open ? <FormSummary id={summaryId} problems={state.problems} /> : null}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Deleting…" : `Delete ${props.what}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
