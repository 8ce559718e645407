"use client";

import { useState } from "react";
import { FormSummary } from "@/components/form/form-summary";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "@/components/ui/dialog";
import { setStatusAction } from "./actions";

/** Suspend or reactivate an account below the reseller, or close it for good (after a confirmation). */
export function StatusPanel(props: {
  account: { id: string; name: string; status: "active" | "suspended" | "closed"; openChildCount: number };
}) {
  const { state, onSubmit, pending, hydrated } = useFormAction(setStatusAction, { summaryId: "status-problems" });
  const [closing, setClosing] = useState(false);
  const { account } = props;
  if (account.status === "closed") {
    return <p className="text-sm text-slate-600">{account.name} is closed. A closed account cannot be reopened.</p>;
  }
  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="accountId" value={account.id} />
        {account.status === "active" ? (
          <Button type="submit" name="status" value="suspended" variant="secondary" disabled={!hydrated || pending}>
            Suspend
          </Button>
        ) : (
          <Button type="submit" name="status" value="active" variant="secondary" disabled={!hydrated || pending}>
            Reactivate
          </Button>
        )}
        <span className="text-sm text-slate-600">
          {account.status === "active"
            ? "A suspended account's users cannot sign in."
            : "Reactivating lets the account's users sign in again."}
        </span>
      </form>
      <div className="flex flex-wrap items-center gap-3">
        <Dialog open={closing} onOpenChange={setClosing}>
          <DialogTrigger asChild>
            <Button variant="danger" disabled={!hydrated}>
              Close account…
            </Button>
          </DialogTrigger>
          <DialogContent
            title={`Close ${account.name} for good?`}
            description={
              account.openChildCount > 0
                ? `First close its ${account.openChildCount} open child accounts. A closed account cannot be reopened.`
                : "Its users can no longer sign in, and a closed account cannot be reopened."
            }
          >
            <form onSubmit={onSubmit} className="flex flex-col gap-3">
              <input type="hidden" name="accountId" value={account.id} />
              <input type="hidden" name="status" value="closed" />
              {closing ? <FormSummary id="close-problems" problems={state.problems} /> : null}
              <DialogFooter>
                <DialogClose asChild>
                  <Button variant="secondary">Cancel</Button>
                </DialogClose>
                <Button type="submit" variant="danger" disabled={pending}>
                  {pending ? "Closing…" : "Yes, close it"}
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      </div>
      {closing ? null : <FormSummary id="status-problems" problems={state.problems} />}
    </div>
  );
}
