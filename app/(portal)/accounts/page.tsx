import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { queryText } from "@/app/(portal)/query-text";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { ChildAccounts } from "../dashboard/child-accounts";

export const metadata: Metadata = { title: "Accounts" };

/** The reseller's accounts on a page of their own ("Accounts" in the menu). */
export default async function AccountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account } = await loadCurrentAccount();
  if (!account.isReseller) notFound();
  const params = await searchParams;
  return (
    <main className="flex flex-col gap-6">
      <PageHeader title="Accounts" description={`The accounts below ${account.name}.`} />
      <ChildAccounts
        query={{ parent: queryText(params.parent), q: queryText(params.q), after: queryText(params.after) }}
        basePath="/accounts"
      />
    </main>
  );
}
