import type { Metadata } from "next";
import { EffectiveStatusBadge } from "@/components/effective-status";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { startOpenAsAction } from "../../open-as/actions";
import { OpenAsButton } from "../../open-as/open-as-button";
import { AccountForm } from "../account-form";
import { updateAccountAction } from "../actions";
import { StatusPanel } from "../status-panel";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The account's own name as the page's title, when it is one the user may see. */
export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { id } = await params;
  const account = await (await serverCaller()).accounts.get({ accountId: id }).catch(() => null);
  return { title: account ? account.name : "Account" };
}

const DONE: Record<string, string> = {
  created: "Account created.",
  saved: "Changes saved.",
  suspended: "Account suspended.",
  active: "Account reactivated.",
  closed: "Account closed.",
};

export default async function AccountPage({ params, searchParams }: Props) {
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
      <PageHeader
        back={<TextLink href="/dashboard">Back to your accounts</TextLink>}
        title={account.name}
        testId="managed-account-name"
        description={
          <>
            Tenant <code>{account.slug}</code> · below {account.parent.name} ·{" "}
            <EffectiveStatusBadge status={account.effectiveStatus} data-testid="managed-account-status" />
          </>
        }
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      {account.status !== "closed" ? (
        <Card aria-label="Details">
          <AccountForm
            // A new form for every saved state: it shows what was saved, never a stale plan or limit.
            key={[
              account.name,
              account.planId,
              account.limits.maxIn,
              account.limits.maxOut,
              account.limits.maxDialer,
            ].join("|")}
            action={updateAccountAction}
            mode="edit"
            plans={plans}
            parent={account.parent}
            floor={account.childLimitFloor}
            account={account}
          />
        </Card>
      ) : null}
      <Card aria-labelledby="status-title">
        <CardTitle id="status-title">Status</CardTitle>
        <StatusPanel account={account} />
      </Card>
      {account.status !== "closed" ? (
        <Card aria-labelledby="open-as-title">
          <CardTitle id="open-as-title">Work in this account</CardTitle>
          <OpenAsButton account={account} action={startOpenAsAction} />
        </Card>
      ) : null}
      <nav aria-label={`More about ${account.name}`} className="flex flex-col gap-2 text-sm">
        <TextLink href={`/accounts/${account.id}/wallet`}>Wallet and transactions of {account.name}</TextLink>
        <TextLink href={`/accounts/${account.id}/branding`}>Branding and defaults of {account.name}</TextLink>
        <TextLink href={`/accounts/${account.id}/domains`}>Domains of {account.name}</TextLink>
        <TextLink href={`/audit?target=${account.id}`}>Audit log of {account.name}</TextLink>
        {account.isReseller ? (
          <TextLink href={`/accounts/new?parent=${account.id}`}>New account below {account.name}</TextLink>
        ) : null}
      </nav>
    </main>
  );
}
