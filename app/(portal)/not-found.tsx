import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Not found" };

/** A portal page that does not exist for this user: inside the portal's header, with the way home. */
export default function PortalNotFound() {
  return (
    <main className="flex flex-col gap-4">
      <Card className="flex flex-col items-start gap-3" aria-labelledby="not-found-title">
        <h1 id="not-found-title" className="text-2xl font-semibold">
          Page not found
        </h1>
        <p className="text-slate-700">
          This page does not exist, or it is not yours to see. The link may be old, or the account may have moved.
        </p>
        <Button asChild>
          <Link href="/dashboard">Go to your dashboard</Link>
        </Button>
      </Card>
    </main>
  );
}
