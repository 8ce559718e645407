"use client";

import "./globals.css";

/** When even the root layout failed: the same page as app/error.tsx, with its own document. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
          <h1 className="text-2xl font-semibold">Something went wrong</h1>
          <p className="text-slate-600">
            This page could not be shown. Try again; if it keeps happening, give this reference to support:
          </p>
          <p>
            <code data-testid="error-reference">{error.digest ?? "none"}</code>
          </p>
          <button type="button" onClick={reset} className="rounded-lg border border-slate-300 px-4 py-2 font-semibold">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
