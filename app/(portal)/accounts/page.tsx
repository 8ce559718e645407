import type { Metadata } from "next";
import { notFound } from "next/navigation";
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
  const text = (value: string | string[] | undefined) => (typeof value === "string" && value ? value : undefined);
  return (
    <main className="flex flex-col gap-6">
      <PageHeader title="Accounts" description={`The accounts below ${account.name}.`} />
      <ChildAccounts
        query={{ parent: text(params.parent), q: text(params.q), after: text(params.after) }}
        basePath="/accounts"
      />
    </main>
  );
}
