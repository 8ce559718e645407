"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import type { FormState } from "../form-state";

/**
 * Deactivate (after a confirmation), reactivate, or send an invitation again. Shown only to
 * someone who may do it to this person; the procedures refuse anyway.
 */
export function UserStatusPanel(props: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  person: { id: string; name: string; status: "invited" | "active" | "deactivated" };
  self: boolean;
}) {
  const { state, onSubmit, pending, hydrated } = useFormAction(props.action, { summaryId: "status-problems" });
  const [confirming, setConfirming] = useState(false);
  const { person } = props;

  if (person.status === "deactivated") {
    return (
      <div className="flex flex-col gap-3">
        <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="userId" value={person.id} />
          <Button type="submit" name="change" value="reactivate" variant="secondary" disabled={!hydrated || pending}>
            {pending ? "Reactivating…" : "Reactivate"}
          </Button>
          <span className="text-sm text-slate-600">
            {person.name} takes a seat of the plan again and can sign in (or accept the invitation) again.
          </span>
        </form>
        <FormSummary id="status-problems" problems={state.problems} />
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        {person.status === "invited" ? (
          <form onSubmit={onSubmit}>
            <input type="hidden" name="userId" value={person.id} />
            <Button type="submit" name="change" value="resend" variant="secondary" disabled={!hydrated || pending}>
              {pending ? "Sending…" : "Send the invitation again"}
            </Button>
          </form>
        ) : null}
        {props.self ? (
          <span className="text-sm text-slate-600">You cannot deactivate yourself.</span>
        ) : (
          <Dialog open={confirming} onOpenChange={setConfirming}>
            <DialogTrigger asChild>
              <Button variant="danger" disabled={!hydrated}>
                {person.status === "invited" ? "Withdraw invitation…" : "Deactivate…"}
              </Button>
            </DialogTrigger>
            <DialogContent
              title={`Deactivate ${person.name}?`}
              description={
                person.status === "invited"
                  ? "Their invitation link stops working and their seat is free again. You can reactivate them later."
                  : "They are signed out everywhere at once and cannot sign in. Their seat is free again. You can reactivate them later."
              }
            >
              <form onSubmit={onSubmit} className="flex flex-col gap-3">
                <input type="hidden" name="userId" value={person.id} />
                <input type="hidden" name="change" value="deactivate" />
                {confirming ? <FormSummary id="deactivate-problems" problems={state.problems} /> : null}
                <DialogFooter>
                  <DialogClose asChild>
                    <Button variant="secondary">Cancel</Button>
                  </DialogClose>
                  <Button type="submit" variant="danger" disabled={pending}>
                    {pending ? "Deactivating…" : "Yes, deactivate"}
                  </Button>
                </DialogFooter>
              </form>
            </DialogContent>
          </Dialog>
        )}
      </div>
      {confirming ? null : <FormSummary id="status-problems" problems={state.problems} />}
    </div>
  );
}
