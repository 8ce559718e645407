import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not found" };

/** What an unknown host sees: deliberately plain, with no platform or brand name. */
export default function UnknownHostPage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">404: Not found</h1>
      <p className="text-slate-600">There is no portal at this address.</p>
    </main>
  );
}
