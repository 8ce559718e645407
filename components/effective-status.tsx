import type { EffectiveStatus } from "@/server/accounts/effective-status";

/** An account's status as it holds: "active", "suspended", or "suspended (by <the account above>)". */
export function EffectiveStatusText({ status }: { status: EffectiveStatus }) {
  return (
    <>
      <span className="capitalize">{status.status}</span>
      {status.by ? <span> (by {status.by.name})</span> : null}
    </>
  );
}
