import type { Metadata } from "next";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { DomainsView, doneMessage } from "../../_domains/domains-view";

export const metadata: Metadata = { title: "Domains" };

/** The brand and SIP domains of the signed-in account itself. */
export default async function OwnDomainsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account } = await loadCurrentAccount();
  const caller = await serverCaller();
  const result = await caller.domains
    .list({ accountId: account.id })
    .catch((error: unknown) =>
      problemFor(error, { FORBIDDEN: "Your role cannot manage domains; an owner or admin of the account can." }),
    );
  return (
    <DomainsView
      title={`Domains of ${account.name}`}
      back={{ href: "/dashboard", label: "Back to the dashboard" }}
      page="settings"
      done={doneMessage(await searchParams)}
      result={result}
    />
  );
}
