"use client";

import { useState } from "react";
import { refusalMessage } from "@/components/browser-trpc";

/**
 * Runs a call that changes whose portal this is ("open as" and back), then loads the dashboard
 * afresh: nothing rendered for the previous account belongs on screen any more. It calls the API
 * rather than a server action, since a server action that sets a cookie re-renders the current
 * page for the new account first (where it may not exist).
 */
export function useSwitchAccount(call: () => Promise<unknown>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await call();
      window.location.assign("/dashboard");
    } catch (caught) {
      setError(refusalMessage(caught));
      setPending(false);
    }
  };
  return { run, pending, error };
}
