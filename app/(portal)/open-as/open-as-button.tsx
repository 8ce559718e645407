"use client";

import { browserTrpc } from "@/components/browser-trpc";
import { useSwitchAccount } from "./use-switch-account";

/** "Open as": work in the portal as this account, until returning from the banner. */
export function OpenAsButton({ account }: { account: { id: string; name: string } }) {
  const { run, pending, error } = useSwitchAccount(() => browserTrpc.openAs.start.mutate({ accountId: account.id }));
  return (
    <form onSubmit={run} className="flex flex-wrap items-center gap-3">
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand px-4 py-2 text-sm font-semibold text-on-brand shadow-sm disabled:opacity-60"
      >
        {pending ? "Opening…" : `Open as ${account.name}`}
      </button>
      <span className="text-sm text-slate-600">
        See and do what its own users do. Everything you do is recorded under your name.
      </span>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
