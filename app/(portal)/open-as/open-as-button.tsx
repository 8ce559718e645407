"use client";

import { browserTrpc } from "@/components/browser-trpc";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/notice";
import { useSwitchAccount } from "./use-switch-account";

/** "Open as": work in the portal as this account, until returning from the banner. */
export function OpenAsButton({
  account,
  action,
}: {
  account: { id: string; name: string };
  /** The same as a plain POST, for a press before hydration (from a server component). */
  action: (form: FormData) => Promise<void>;
}) {
  const { run, pending, error } = useSwitchAccount(() => browserTrpc.openAs.start.mutate({ accountId: account.id }));
  return (
    <form action={action} onSubmit={run} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="accountId" value={account.id} />
      <Button type="submit" disabled={pending}>
        {pending ? "Opening…" : `Open as ${account.name}`}
      </Button>
      <span className="text-sm text-slate-600">
        See and do what its own users do. Everything you do is recorded under your name.
      </span>
      {error ? (
        <ErrorText role="alert" className="w-full">
          {error}
        </ErrorText>
      ) : null}
    </form>
  );
}
