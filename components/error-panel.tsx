"use client";

import { Button } from "./ui/button";

/**
 * What a page that failed unexpectedly shows: never the error's own words (in production Next
 * sends none; in development they could name database internals), only the reference under which
 * the server logged the details, and a way to try again.
 */
export function ErrorPanel({ digest, reset }: { digest: string | undefined; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="text-slate-600">
        This page could not be shown. Try again; if it keeps happening, give this reference to support:
      </p>
      <p>
        <code data-testid="error-reference">{digest ?? "none"}</code>
      </p>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
