import type { Metadata } from "next";
import { notFoundOn, problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { BrandingView } from "../../../_branding/branding-view";

export const metadata: Metadata = { title: "Branding" };

/** The branding and defaults of an account below the signed-in one. */
export default async function AccountBrandingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  const result = await caller.branding.get({ accountId: id }).catch((error: unknown) => {
    // Not the tenant's nor below it, or not an id: both look like "no such page".
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
    return problemFor(error, { FORBIDDEN: "Your role cannot change branding; an owner or admin of the account can." });
  });
  const back =
    "account" in result && !result.account.isOwn
      ? { href: `/accounts/${id}`, label: `Back to ${result.account.name}` }
      : { href: "/dashboard", label: "Back to the dashboard" };
  return <BrandingView back={back} result={result} />;
}
