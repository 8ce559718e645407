import type { Metadata } from "next";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn, problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { DomainsView, doneMessage } from "../../../_domains/domains-view";

export const metadata: Metadata = { title: "Domains" };

/** The brand and SIP domains of an account below the signed-in one. */
export default async function AccountDomainsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const caller = await serverCaller();
  const result = await caller.domains.list({ accountId: id }).catch((error: unknown) => {
    // Not the tenant's nor below it, or not an id: both look like "no such page".
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
    return problemFor(error, { FORBIDDEN: "Your role cannot manage domains; an owner or admin of the account can." });
  });
  const name = "account" in result ? result.account.name : "this account";
  // The signed-in account's own id works here too, but its page is the dashboard, not /accounts/<id>.
  const own = (await loadCurrentAccount()).account.id === id;
  return (
    <DomainsView
      title={`Domains of ${name}`}
      back={
        own
          ? { href: "/dashboard", label: "Back to the dashboard" }
          : { href: `/accounts/${id}`, label: `Back to ${name}` }
      }
      page="account"
      done={doneMessage(query)}
      result={result}
    />
  );
}
