"use client";

import "./globals.css";
import { ErrorPanel } from "@/components/error-panel";

/** When even the root layout failed: the same panel as app/error.tsx, in a document of its own. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <ErrorPanel digest={error.digest} reset={reset} />
      </body>
    </html>
  );
}
