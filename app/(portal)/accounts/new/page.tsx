import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { AccountForm } from "../account-form";
import { createAccountAction } from "../actions";

export const metadata: Metadata = { title: "New account" };

export default async function NewAccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account } = await loadCurrentAccount();
  if (!account.isReseller) notFound();
  const parentParam = (await searchParams).parent;
  const caller = await serverCaller();
  // Below the reseller itself, or below a reseller under it (?parent=).
  const parent =
    typeof parentParam === "string" && parentParam !== account.id
      ? await caller.accounts.get({ accountId: parentParam }).catch((error: unknown) => {
          notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
          throw error;
        })
      : { id: account.id, name: account.name, limits: account.limits, isReseller: true };
  if (!parent.isReseller) notFound();
  const plans = await caller.plans.list();

  return (
    <main className="flex flex-col gap-4">
      <Link className="text-sm font-medium text-brand underline" href="/dashboard">
        Back to your accounts
      </Link>
      <h1 className="text-2xl font-semibold">New account below {parent.name}</h1>
      <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <AccountForm
          action={createAccountAction}
          mode="create"
          plans={plans}
          parent={{ id: parent.id, name: parent.name, limits: parent.limits }}
        />
      </section>
    </main>
  );
}
