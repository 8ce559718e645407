"use client";

import { setStatusAction } from "./actions";
import { useFormAction } from "./use-form-action";

const buttonClass =
  "rounded-lg px-4 py-2 text-sm font-semibold shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-60";

/** Suspend or reactivate an account below the reseller, or close it for good. */
export function StatusPanel(props: {
  account: { id: string; name: string; status: "active" | "suspended" | "closed"; openChildCount: number };
}) {
  const [state, formAction, pending] = useFormAction(setStatusAction);
  const { account } = props;
  if (account.status === "closed") {
    return <p className="text-sm text-slate-600">{account.name} is closed. A closed account cannot be reopened.</p>;
  }
  return (
    <div className="flex flex-col gap-4">
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="accountId" value={account.id} />
        {account.status === "active" ? (
          <button type="submit" name="status" value="suspended" disabled={pending} className={buttonClass}>
            Suspend
          </button>
        ) : (
          <button type="submit" name="status" value="active" disabled={pending} className={buttonClass}>
            Reactivate
          </button>
        )}
        <span className="text-sm text-slate-600">
          {account.status === "active"
            ? "A suspended account's users cannot sign in."
            : "Reactivating lets the account's users sign in again."}
        </span>
      </form>
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="accountId" value={account.id} />
        <input type="hidden" name="status" value="closed" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirm" required className="h-4 w-4" />
          Close {account.name} for good
          {account.openChildCount > 0 ? ` (first close its ${account.openChildCount} open child accounts)` : ""}
        </label>
        <button type="submit" disabled={pending} className={`${buttonClass} text-red-700`}>
          Close account
        </button>
      </form>
      <p role="alert" className="min-h-5 text-sm text-red-700">
        {state.problems.map((problem) => problem.message).join(" ")}
      </p>
    </div>
  );
}
