"use client";

import { browserTrpc } from "@/components/browser-trpc";
import { Button, type ButtonProps } from "@/components/ui/button";
import { useSwitchAccount } from "./use-switch-account";

/**
 * The way back from an opened account. A real form with a server action (`action`, handed down
 * by a server component so that React renders it as a plain POST), so a press before the page
 * has hydrated still works; once hydrated, the API call and a fresh dashboard load.
 */
export function ReturnButton({
  label,
  variant,
  action,
}: {
  label: string;
  variant: ButtonProps["variant"];
  action: () => Promise<void>;
}) {
  const { run, pending, error } = useSwitchAccount(() => browserTrpc.openAs.end.mutate());
  return (
    <form action={action} onSubmit={run} className="flex flex-wrap items-center gap-2">
      <Button type="submit" variant={variant} size="sm" disabled={pending}>
        {pending ? "Returning…" : label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm">
          {error}
        </span>
      ) : null}
    </form>
  );
}
