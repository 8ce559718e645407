import type { Metadata } from "next";
import { endOpenAsAction } from "../(portal)/open-as/actions";
import { ReturnButton } from "../(portal)/open-as/return-button";

export const metadata: Metadata = { title: "Account no longer open" };

/** Where the portal sends a user whose opened account can no longer be opened (closed, moved, role changed). */
export default function OpenAsEndedPage() {
  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 px-4 py-16">
      <h1 className="text-2xl font-semibold">This account is no longer open to you</h1>
      <p className="text-slate-700">
        The account you opened was closed or moved, or your role no longer allows opening accounts. Nothing was done in
        it since.
      </p>
      <ReturnButton label="Return to your own account" variant="primary" action={endOpenAsAction} />
    </main>
  );
}
