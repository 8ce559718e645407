import type { Metadata } from "next";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { BrandingView } from "../../_branding/branding-view";

export const metadata: Metadata = { title: "Branding" };

/** The branding and defaults of the signed-in account itself. */
export default async function OwnBrandingPage() {
  const { account } = await loadCurrentAccount();
  const caller = await serverCaller();
  const result = await caller.branding
    .get({ accountId: account.id })
    .catch((error: unknown) =>
      problemFor(error, { FORBIDDEN: "Your role cannot change branding; an owner or admin of the account can." }),
    );
  return <BrandingView back={{ href: "/dashboard", label: "Back to the dashboard" }} result={result} />;
}
