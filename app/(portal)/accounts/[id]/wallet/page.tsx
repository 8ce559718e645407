import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { AlertThresholdForm } from "@/components/billing/alert-threshold-form";
import { LastAlert } from "@/components/billing/last-alert";
import { LedgerTable } from "@/components/billing/ledger-table";
import { WalletSummary } from "@/components/billing/wallet-summary";
import { DoneNotice } from "@/components/form/done-notice";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Card, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { amountText } from "@/server/billing/money";
import { setAlertThresholdAction } from "../../../billing/actions";
import { postEntryAction, setCreditLimitAction } from "./actions";
import { CreditLimitForm, PostEntryForm } from "./wallet-forms";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Wallet" };

const DONE: Record<string, string> = {
  top_up: "Wallet topped up.",
  refund: "Refund posted.",
  adjustment: "Correction posted.",
  credit_limit: "Credit limit saved.",
  alert: "Low-balance alert saved.",
  alert_off: "Low-balance alert turned off.",
};

/**
 * A child account's wallet as its reseller sees it: balance and credit, the top-up and credit
 * limit forms when the reseller is the account's own parent (a grandchild is billed by the
 * reseller in between), and the ledger.
 */
export default async function AccountWalletPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const after = queryText(query.after);
  const caller = await serverCaller();
  const notBelow = (error: unknown): never => {
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"]);
    throw error;
  };
  const [current, account, wallet, page] = await Promise.all([
    loadCurrentAccount(),
    caller.accounts.get({ accountId: id }).catch(notBelow),
    caller.billing.wallet({ accountId: id }).catch(notBelow),
    caller.billing.entries({ accountId: id, cursor: after, limit: 25 }).catch(notBelow),
  ]);
  const billsIt = account.parent.id === current.account.id && roleHas(current.user.role, "billing:write");
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  // A new form after every posting: the amount typed for the last one is not offered again.
  const formKey = `${page.items[0]?.id ?? "none"}|${wallet.creditLimitMinor}|${wallet.alertThresholdMinor}`;

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        back={<TextLink href={`/accounts/${account.id}`}>Back to {account.name}</TextLink>}
        title={`Wallet of ${account.name}`}
        description={
          billsIt
            ? `You bill ${account.name}: top it up, correct it and set how far below zero it may go.`
            : `${account.parent.name} bills ${account.name}; open ${account.parent.name} to top it up.`
        }
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      <Card aria-labelledby="wallet-title">
        <CardTitle id="wallet-title">Balance</CardTitle>
        <WalletSummary wallet={wallet} owner={account.name} />
      </Card>
      {billsIt ? (
        <>
          <Card aria-labelledby="post-title">
            <CardTitle id="post-title">Top up or correct</CardTitle>
            <PostEntryForm
              key={formKey}
              accountId={account.id}
              accountName={account.name}
              currency={wallet.currency}
              action={postEntryAction}
            />
          </Card>
          <Card aria-labelledby="limit-title">
            <CardTitle id="limit-title">Credit limit</CardTitle>
            <CreditLimitForm
              key={formKey}
              accountId={account.id}
              currency={wallet.currency}
              current={amountText(wallet.creditLimitMinor, wallet.currency)}
              action={setCreditLimitAction}
            />
          </Card>
          <Card aria-labelledby="alert-title">
            <CardTitle id="alert-title">Low-balance alert</CardTitle>
            <AlertThresholdForm
              key={formKey}
              accountId={account.id}
              currency={wallet.currency}
              current={
                wallet.alertThresholdMinor === null ? "" : amountText(wallet.alertThresholdMinor, wallet.currency)
              }
              whoIsTold={`the owners and admins of ${account.name}, and yours`}
              action={setAlertThresholdAction}
            />
            <LastAlert
              alert={wallet.lastAlert}
              currency={wallet.currency}
              timeZone={current.effective.timezone.value}
            />
          </Card>
        </>
      ) : null}
      <Card aria-labelledby="transactions-title">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <CardTitle id="transactions-title">Transactions</CardTitle>
          <TextLink href={`/billing/statement?accountId=${account.id}`} className="text-sm">
            Monthly statement of {account.name}
          </TextLink>
        </div>
        {page.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="ledger-empty">
            {after ? "No older transactions." : "No transactions yet."}
          </p>
        ) : (
          <LedgerTable entries={page.items} currency={page.currency} timeZone={current.effective.timezone.value} />
        )}
        <NextPageLink
          href={page.nextCursor ? pathWithQuery(`/accounts/${account.id}/wallet`, { after: page.nextCursor }) : null}
          label="Older transactions"
        />
      </Card>
    </main>
  );
}
