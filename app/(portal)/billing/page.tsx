import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { AlertThresholdForm } from "@/components/billing/alert-threshold-form";
import { LastAlert } from "@/components/billing/last-alert";
import { ENTRY_KIND_LABELS, LedgerTable } from "@/components/billing/ledger-table";
import { WalletSummary } from "@/components/billing/wallet-summary";
import { DoneNotice } from "@/components/form/done-notice";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { ENTRY_KINDS, type EntryKind } from "@/server/billing/ledger";
import { amountText } from "@/server/billing/money";
import { setAlertThresholdAction } from "./actions";
import { BillingNav } from "./billing-nav";

export const metadata: Metadata = { title: "Billing" };

const DONE: Record<string, string> = {
  alert: "Low-balance alert saved.",
  alert_off: "Low-balance alert turned off.",
};

const isKind = (value: string | undefined): value is EntryKind =>
  (ENTRY_KINDS as readonly string[]).includes(value ?? "");

/** The account's own wallet: balance, credit, and every posting to it, newest first. */
export default async function BillingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const kindParam = queryText(params.kind);
  const query = { kind: isKind(kindParam) ? kindParam : undefined, after: queryText(params.after) };
  const caller = await serverCaller();
  const [{ effective, permissions, account }, wallet, page] = await Promise.all([
    loadCurrentAccount(),
    caller.billing
      .wallet({})
      .catch((error: unknown) => problemFor(error, { FORBIDDEN: "Your role cannot see this account's billing." })),
    caller.billing
      .entries({ kind: query.kind, cursor: query.after, limit: 25 })
      .catch((error: unknown) => problemFor(error, { FORBIDDEN: "Your role cannot see this account's billing." })),
  ]);

  const done = typeof params.done === "string" ? DONE[params.done] : undefined;
  // The platform mails a platform-direct account's people only; a reseller's customer, its reseller's too.
  const whoIsTold = account.parentId
    ? "your account's owners and admins, and your provider"
    : "your account's owners and admins";

  return (
    <main className="flex flex-col gap-4">
      <PageHeader title="Billing" description="Your balance, your credit, and every payment and charge." />
      <BillingNav current="/billing" />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      <Card aria-labelledby="wallet-title">
        <CardTitle id="wallet-title">Wallet</CardTitle>
        {"problem" in wallet ? (
          <ErrorText role="alert">{wallet.problem}</ErrorText>
        ) : (
          <WalletSummary wallet={wallet} owner="Your account" />
        )}
      </Card>
      {"problem" in wallet || !permissions.includes("billing:write") ? null : (
        <Card aria-labelledby="alert-title">
          <CardTitle id="alert-title">Low-balance alert</CardTitle>
          <AlertThresholdForm
            key={`${wallet.alertThresholdMinor}`}
            currency={wallet.currency}
            current={wallet.alertThresholdMinor === null ? "" : amountText(wallet.alertThresholdMinor, wallet.currency)}
            whoIsTold={whoIsTold}
            action={setAlertThresholdAction}
          />
          <LastAlert alert={wallet.lastAlert} currency={wallet.currency} timeZone={effective.timezone.value} />
        </Card>
      )}
      <Card aria-labelledby="transactions-title">
        <CardTitle id="transactions-title">Transactions</CardTitle>
        <form method="get" action="/billing" className="mb-4 flex flex-wrap items-end gap-3">
          <Field id="billing-kind" label="Show" className="min-w-0 max-w-full">
            {(control) => (
              <Select {...control} name="kind" defaultValue={query.kind ?? ""} className="w-auto max-w-full">
                <option value="">Everything</option>
                {ENTRY_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {ENTRY_KIND_LABELS[kind]}s
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit">Filter</Button>
          {query.kind ? (
            <TextLink className="self-center text-sm" href="/billing">
              Show all
            </TextLink>
          ) : null}
        </form>
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="ledger-empty">
            {query.kind || query.after ? "No transactions match." : "No transactions yet."}
          </p>
        ) : (
          <LedgerTable entries={page.items} currency={page.currency} timeZone={effective.timezone.value} />
        )}
        <NextPageLink
          href={
            "nextCursor" in page && page.nextCursor
              ? pathWithQuery("/billing", { ...query, after: page.nextCursor })
              : null
          }
          label="Older transactions"
        />
      </Card>
    </main>
  );
}
