import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
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
      <PageHeader
        back={<TextLink href="/dashboard">Back to your accounts</TextLink>}
        title={`New account below ${parent.name}`}
      />
      <Card aria-label="New account">
        <AccountForm
          action={createAccountAction}
          mode="create"
          plans={plans}
          parent={{ id: parent.id, name: parent.name, limits: parent.limits }}
        />
      </Card>
    </main>
  );
}
