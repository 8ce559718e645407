"use client";

import { browserTrpc } from "@/components/browser-trpc";
import { useSwitchAccount } from "./use-switch-account";

export function ReturnButton({ label, className }: { label: string; className: string }) {
  const { run, pending, error } = useSwitchAccount(() => browserTrpc.openAs.end.mutate());
  return (
    <form onSubmit={run} className="flex flex-wrap items-center gap-2">
      <button type="submit" disabled={pending} className={className}>
        {pending ? "Returning…" : label}
      </button>
      {error ? (
        <span role="alert" className="text-sm">
          {error}
        </span>
      ) : null}
    </form>
  );
}
