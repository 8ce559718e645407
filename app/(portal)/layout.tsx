import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { BrandTheme } from "@/components/brand-theme";
import { SignOutButton } from "@/components/sign-out-button";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { themeVariables } from "@/server/tenancy/theme";
import { OpenAsBanner } from "./open-as/open-as-banner";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { account, user, effective, openedFrom } = await loadCurrentAccount();
  return (
    <BrandTheme variables={themeVariables(effective)}>
      {openedFrom ? (
        <OpenAsBanner userEmail={user.email} userAccount={openedFrom.name} openedAccount={account.name} />
      ) : null}
      <header className="bg-brand text-on-brand">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <BrandMark name={effective.brandName.value} logoUrl={effective.logoUrl.value} onBrandSurface />
          <nav aria-label="Portal" className="flex items-center gap-4 text-sm font-medium">
            <Link href="/dashboard" className="underline-offset-4 hover:underline">
              Dashboard
            </Link>
            {user.role !== "member" ? (
              <Link href="/audit" className="underline-offset-4 hover:underline">
                Audit log
              </Link>
            ) : null}
            {user.role !== "member" ? (
              <Link href="/settings/branding" className="underline-offset-4 hover:underline">
                Branding
              </Link>
            ) : null}
            {user.role !== "member" ? (
              <Link href="/settings/domains" className="underline-offset-4 hover:underline">
                Domains
              </Link>
            ) : null}
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden sm:inline" data-testid="signed-in-as">
              {user.email} · {account.name}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-5xl px-4 py-6">{children}</div>
    </BrandTheme>
  );
}
