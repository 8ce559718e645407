import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { BrandTheme } from "@/components/brand-theme";
import { portalMetadata } from "@/components/portal-metadata";
import { type NavItem, PortalNav } from "@/components/portal-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { themeVariables } from "@/server/tenancy/theme";
import { OpenAsBanner } from "./open-as/open-as-banner";

export async function generateMetadata(): Promise<Metadata> {
  const { account, effective } = await loadCurrentAccount();
  return portalMetadata(account.name, effective);
}

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { account, user, effective, openedFrom } = await loadCurrentAccount();
  const manages = user.role !== "member";
  const items: NavItem[] = [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/users", label: "Users" },
    ...(account.isReseller ? [{ href: "/accounts", label: "Accounts" }] : []),
    ...(manages
      ? [
          { href: "/audit", label: "Audit log" },
          { href: "/settings/branding", label: "Branding" },
          { href: "/settings/domains", label: "Domains" },
        ]
      : []),
  ];
  return (
    <BrandTheme variables={themeVariables(effective)}>
      {openedFrom ? (
        <OpenAsBanner userEmail={user.email} userAccount={openedFrom.name} openedAccount={account.name} />
      ) : null}
      <header className="bg-brand text-on-brand">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <BrandMark name={effective.brandName.value} logoUrl={effective.logoUrl.value} onBrandSurface />
          <PortalNav items={items} />
          <div className="flex items-center gap-3 text-sm">
            <span className="hidden sm:inline" data-testid="signed-in-as">
              {user.email} · {account.name}
            </span>
            <Link href="/profile" className="font-medium underline underline-offset-2 hover:opacity-80">
              Profile
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto max-w-5xl px-4 py-6">{children}</div>
    </BrandTheme>
  );
}
