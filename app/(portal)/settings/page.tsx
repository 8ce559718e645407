import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { BrandingEditor } from "../_branding/branding-editor";
import { FeatureSwitches } from "./feature-switches";

export const metadata: Metadata = { title: "Settings" };

/**
 * The customer's own settings: the defaults of its phone system (time zone, language, voice,
 * caller ID, country, where unrouted numbers go) and the switches of its plan's features. A
 * reseller's settings are its branding.
 */
export default async function SettingsPage() {
  const { account, user } = await loadCurrentAccount();
  if (account.isReseller) redirect("/settings/branding");
  const caller = await serverCaller();
  const editor = await caller.branding
    .get({ accountId: account.id })
    .catch((error: unknown) =>
      problemFor(error, { FORBIDDEN: "Your role cannot change settings; an owner or admin of the account can." }),
    );
  const summary = await caller.dashboard.summary();
  const more = [
    { href: "/settings/branding", label: "Branding", permission: "settings:read" },
    { href: "/settings/domains", label: "Domains (portal and SIP)", permission: "domains:read" },
    { href: "/audit", label: "Audit log", permission: "audit:read" },
    { href: "/api-reference", label: "REST API reference (for programs)", permission: "account:read" },
    { href: "/settings/api-keys", label: "API keys (for your programs)", permission: "keys:read" },
  ] as const;
  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        title="Settings"
        description={
          <p>
            The defaults of {account.name}&apos;s phone system. A default you do not override follows your
            provider&apos;s.
          </p>
        }
      />
      {"problem" in editor ? (
        <ErrorText role="alert">{editor.problem}</ErrorText>
      ) : (
        <BrandingEditor initial={editor} groups={["defaults"]} />
      )}
      {"problem" in editor ? null : <FeatureSwitches initial={summary} />}
      <Card aria-labelledby="more-settings-heading">
        <CardTitle id="more-settings-heading" className="mb-2">
          More
        </CardTitle>
        <ul className="flex flex-col gap-1 text-sm">
          {more
            .filter((link) => roleHas(user.role, link.permission))
            .map((link) => (
              <li key={link.href}>
                <TextLink href={link.href}>{link.label}</TextLink>
              </li>
            ))}
        </ul>
      </Card>
    </main>
  );
}
