import type { Metadata } from "next";
import Link from "next/link";
import { EffectiveStatusText } from "@/components/effective-status";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { OpenAsButton } from "../../open-as/open-as-button";
import { AccountForm } from "../account-form";
import { updateAccountAction } from "../actions";
import { StatusPanel } from "../status-panel";

export const metadata: Metadata = { title: "Account" };

const DONE: Record<string, string> = {
  created: "Account created.",
  saved: "Changes saved.",
  suspended: "Account suspended.",
  active: "Account reactivated.",
  closed: "Account closed.",
};

export default async function AccountPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const caller = await serverCaller();
  const account = await caller.accounts.get({ accountId: id }).catch((error: unknown) => {
    // Not below this reseller, not an id, or not a reseller at all: all look like "no such page".
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"]);
    throw error;
  });
  const plans = await caller.plans.list();
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;

  return (
    <main className="flex flex-col gap-4">
      <Link className="text-sm font-medium text-brand underline" href="/dashboard">
        Back to your accounts
      </Link>
      <div>
        <h1 className="text-2xl font-semibold" data-testid="managed-account-name">
          {account.name}
        </h1>
        <p className="text-sm text-slate-600">
          Tenant <code>{account.slug}</code> · below {account.parent.name} ·{" "}
          <span data-testid="managed-account-status">
            <EffectiveStatusText status={account.effectiveStatus} />
          </span>
        </p>
      </div>
      {done ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {done}
        </p>
      ) : null}
      {account.status !== "closed" ? (
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Details">
          <AccountForm
            action={updateAccountAction}
            mode="edit"
            plans={plans}
            parent={account.parent}
            floor={account.childLimitFloor}
            account={account}
          />
        </section>
      ) : null}
      <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Status">
        <h2 className="mb-3 text-base font-semibold">Status</h2>
        <StatusPanel account={account} />
      </section>
      {account.status !== "closed" ? (
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-label="Open as">
          <h2 className="mb-3 text-base font-semibold">Work in this account</h2>
          <OpenAsButton account={account} />
        </section>
      ) : null}
      <Link className="text-sm font-medium text-brand underline" href={`/accounts/${account.id}/branding`}>
        Branding and defaults of {account.name}
      </Link>
      <Link className="text-sm font-medium text-brand underline" href={`/accounts/${account.id}/domains`}>
        Domains of {account.name}
      </Link>
      <Link className="text-sm font-medium text-brand underline" href={`/audit?target=${account.id}`}>
        Audit log of {account.name}
      </Link>
      {account.isReseller ? (
        <Link className="text-sm font-medium text-brand underline" href={`/accounts/new?parent=${account.id}`}>
          New account below {account.name}
        </Link>
      ) : null}
    </main>
  );
}
