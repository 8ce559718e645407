import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { LedgerTable } from "@/components/billing/ledger-table";
import { minutesText } from "@/components/billing/period";
import { pathWithQuery } from "@/components/next-page-link";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Figures } from "@/components/ui/figures";
import { Input } from "@/components/ui/input";
import { DownloadLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { formatMoney } from "@/server/billing/money";
import { BillingNav } from "../billing-nav";

export const metadata: Metadata = { title: "Statement" };

/** A month of a wallet (the account's own, or one below it for a reseller): balances, entries, calls. */
export default async function StatementPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const month = queryText(params.month) ?? new Date().toISOString().slice(0, 7);
  const accountId = queryText(params.accountId);
  const [{ effective }, statement] = await Promise.all([
    loadCurrentAccount(),
    (await serverCaller()).billing
      .statement({ accountId, month })
      .catch((error: unknown) =>
        problemFor(error, { NOT_FOUND: "No such account below yours.", FORBIDDEN: "Your role cannot read billing." }),
      ),
  ]);

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        title={"problem" in statement ? "Statement" : `Statement of ${statement.accountName}`}
        description="A month of the wallet: the balance it opened and closed with, every entry, and the calls."
      />
      {accountId ? null : <BillingNav current="/billing/statement" />}
      <Card aria-label="Month">
        <form method="get" action="/billing/statement" className="flex flex-wrap items-end gap-3">
          {accountId ? <input type="hidden" name="accountId" value={accountId} /> : null}
          <Field id="statement-month" label="Month">
            {(control) => <Input {...control} type="month" name="month" defaultValue={month} required />}
          </Field>
          <Button type="submit">Show</Button>
        </form>
      </Card>
      {"problem" in statement ? (
        <ErrorText role="alert">{statement.problem}</ErrorText>
      ) : (
        <>
          <Card aria-labelledby="statement-title">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
              <CardTitle id="statement-title">
                {statement.fromDay} to {statement.toDay}
              </CardTitle>
              <DownloadLink
                href={pathWithQuery("/api/reports/statement.csv", { accountId, month })}
                data-testid="statement-csv"
              >
                Download CSV
              </DownloadLink>
            </div>
            <Figures
              className="grid-cols-2 sm:grid-cols-4"
              figures={[
                {
                  label: "Opening balance",
                  value: formatMoney(statement.openingMinor, statement.currency),
                  testId: "statement-opening",
                },
                {
                  label: "Paid in",
                  value: formatMoney(statement.totals.top_up + statement.totals.refund, statement.currency),
                  testId: "statement-in",
                },
                {
                  label: "Calls and corrections",
                  value: formatMoney(statement.totals.charge + statement.totals.adjustment, statement.currency),
                  testId: "statement-out",
                },
                {
                  label: "Closing balance",
                  value: formatMoney(statement.closingMinor, statement.currency),
                  testId: "statement-closing",
                },
              ]}
            />
            <p className="mt-3 text-sm text-slate-600" data-testid="statement-calls">
              {statement.calls.count} {statement.calls.count === 1 ? "call" : "calls"},{" "}
              {minutesText(statement.calls.seconds)} minutes,{" "}
              {formatMoney(statement.calls.chargedMinor, statement.currency)}.
            </p>
          </Card>
          <Card aria-labelledby="statement-entries-title">
            <CardTitle id="statement-entries-title">Entries</CardTitle>
            {statement.entries.length === 0 ? (
              <p className="text-sm text-slate-600">No entries this month.</p>
            ) : (
              <LedgerTable
                entries={statement.entries.map((entry) => ({ ...entry, author: { own: false } as const }))}
                currency={statement.currency}
                timeZone={effective.timezone.value}
                showAuthor={false}
              />
            )}
          </Card>
        </>
      )}
    </main>
  );
}
