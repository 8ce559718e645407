import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand-mark";
import { BrandTheme } from "@/components/brand-theme";
import { portalMetadata } from "@/components/portal-metadata";
import { type NavItem, PortalNav } from "@/components/portal-nav";
import { SignOutButton } from "@/components/sign-out-button";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { type Permission, roleHas } from "@/server/auth/permissions";
import { themeVariables } from "@/server/tenancy/theme";
import { OpenAsBanner } from "./open-as/open-as-banner";

export async function generateMetadata(): Promise<Metadata> {
  const { account, effective } = await loadCurrentAccount();
  return portalMetadata(account.name, effective);
}

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { account, user, effective, openedFrom } = await loadCurrentAccount();
  // Each page is shown to the roles that may use it (roleHas), never by role name.
  const menu: readonly (NavItem & { permission: Permission })[] = account.isReseller
    ? [
        { href: "/dashboard", label: "Dashboard", permission: "account:read" },
        { href: "/accounts", label: "Accounts", permission: "accounts:read" },
        { href: "/users", label: "Users", permission: "users:read" },
        // A reseller's own numbers and its pool (the numbers part).
        { href: "/numbers", label: "Numbers", permission: "numbers:read" },
        { href: "/billing", label: "Billing", permission: "billing:read" },
        { href: "/reports", label: "Reports", permission: "billing:read" },
        { href: "/prices", label: "Prices", permission: "billing:read" },
        { href: "/audit", label: "Audit log", permission: "audit:read" },
        { href: "/settings/branding", label: "Branding", permission: "settings:read" },
        { href: "/settings/domains", label: "Domains", permission: "domains:read" },
        { href: "/api-reference", label: "API reference", permission: "account:read" },
        { href: "/settings/api-keys", label: "API keys", permission: "keys:read" },
      ]
    : [
        { href: "/dashboard", label: "Dashboard", permission: "account:read" },
        { href: "/users", label: "Users", permission: "users:read" },
        { href: "/extensions", label: "Extensions", permission: "extensions:read" },
        { href: "/numbers", label: "Numbers", permission: "numbers:read" },
        { href: "/departments", label: "Departments", permission: "departments:read" },
        { href: "/schedules", label: "Schedules", permission: "schedules:read" },
        { href: "/billing", label: "Billing", permission: "billing:read" },
        { href: "/settings", label: "Settings", permission: "settings:read" },
      ];
  const items: NavItem[] = menu
    .filter((item) => roleHas(user.role, item.permission))
    .map(({ href, label }) => ({ href, label }));
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
