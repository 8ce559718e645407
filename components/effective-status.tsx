import type { ComponentProps } from "react";
import type { EffectiveStatus } from "@/server/accounts/effective-status";
import { StatusBadge } from "./ui/badge";

/**
 * An account's status as it holds: its own badge, and when an account above it is what suspends
 * or closes it, that account named ("Suspended (by Northwind Resale)").
 */
export function EffectiveStatusBadge({ status, ...props }: { status: EffectiveStatus } & ComponentProps<"span">) {
  return (
    <span {...props}>
      <StatusBadge status={status.status} />
      {status.by ? <span className="text-xs text-slate-700"> (by {status.by.name})</span> : null}
    </span>
  );
}
