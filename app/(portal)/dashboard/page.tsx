import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { InheritedValue } from "@/components/source-label";
import { StatusBadge } from "@/components/ui/badge";
import { CardTitle, Card as Panel } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { languageName } from "@/server/tenancy/languages";
import { BusinessOverview } from "./business-overview";
import { ChildAccounts } from "./child-accounts";
import { CustomerOverview } from "./customer-overview";

export const metadata: Metadata = { title: "Dashboard" };

const unlimited = (value: number | null) => (value === null ? "Unlimited" : String(value));

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `card-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <Panel aria-labelledby={id}>
      <CardTitle id={id}>{title}</CardTitle>
      {children}
    </Panel>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 border-b border-slate-100 py-2 text-sm last:border-0">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account, plan, effective, user } = await loadCurrentAccount();
  const params = await searchParams;
  const childQuery = { parent: queryText(params.parent), q: queryText(params.q), after: queryText(params.after) };
  // A customer sees what it acts on first: usage against its plan, and the plan's features.
  const caller = await serverCaller();
  const summary = account.isReseller ? null : await caller.dashboard.summary();
  // A reseller sees its business first, when its role may read billing.
  const business = account.isReseller && roleHas(user.role, "billing:read") ? await caller.billing.business() : null;
  const hasAnalytics = summary?.features.some((each) => each.feature === "advancedAnalytics" && each.included);
  const analytics = hasAnalytics ? await caller.dashboard.analytics() : null;
  const numbers =
    summary && roleHas(user.role, "numbers:read") ? await caller.numbers.list({ view: "account", limit: 10 }) : null;
  const colours = [
    ["Primary colour", effective.primaryColor],
    ["Accent colour", effective.accentColor],
  ] as const;

  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        title={account.name}
        testId="account-name"
        description={
          <>
            Tenant <code>{account.slug}</code> · {account.isReseller ? "Reseller" : "Account"} ·{" "}
            <StatusBadge status={account.status} />
          </>
        }
      />

      {business ? <BusinessOverview business={business} /> : null}

      {summary ? (
        <CustomerOverview
          summary={summary}
          analytics={analytics}
          numbers={numbers?.view === "account" ? numbers : null}
        />
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Brand">
          <dl>
            <Row label="Brand name">
              <InheritedValue source={effective.brandName.source}>
                <span data-testid="effective-brand-name">{effective.brandName.value}</span>
              </InheritedValue>
            </Row>
            <Row label="Portal address">
              <InheritedValue source={effective.brandDomain.source}>
                {effective.brandDomain.value ?? "—"}
              </InheritedValue>
            </Row>
            {colours.map(([label, colour]) => (
              <Row key={label} label={label}>
                <span className="inline-flex items-center gap-2">
                  <span
                    aria-hidden
                    className="inline-block h-4 w-4 rounded ring-1 ring-slate-300"
                    style={{ backgroundColor: colour.value }}
                  />
                  <InheritedValue source={colour.source}>
                    <code>{colour.value}</code>
                  </InheritedValue>
                </span>
              </Row>
            ))}
            <Row label="Support">
              <InheritedValue source={effective.supportEmail.source}>
                {effective.supportEmail.value ?? "—"}
              </InheritedValue>
            </Row>
          </dl>
        </Card>

        <Card title="Defaults">
          <dl>
            <Row label="Timezone">
              <InheritedValue source={effective.timezone.source}>{effective.timezone.value}</InheritedValue>
            </Row>
            <Row label="Language">
              <InheritedValue source={effective.language.source}>
                {languageName(effective.language.value)}
              </InheritedValue>
            </Row>
            <Row label="Voice">
              <InheritedValue source={effective.voiceGender.source}>
                <span className="capitalize">{effective.voiceGender.value}</span>
              </InheritedValue>
            </Row>
            <Row label="Default caller ID">
              <InheritedValue source={effective.defaultCidNumber.source}>
                {effective.defaultCidNumber.value ?? "—"}
              </InheritedValue>
            </Row>
          </dl>
        </Card>

        <Card title={`Plan: ${plan.name}`}>
          <dl data-testid="plan">
            <Row label="Concurrent calls">{unlimited(plan.maxConcurrentCalls)}</Row>
            <Row label="Users">{unlimited(plan.maxUsers)}</Row>
            <Row label="Departments">{unlimited(plan.maxDepartments)}</Row>
            <Row label="Recording">{plan.recording ? "Yes" : "No"}</Row>
            <Row label="AI transcription">{plan.aiTranscription ? "Yes" : "No"}</Row>
            <Row label="Advanced analytics">{plan.advancedAnalytics ? "Yes" : "No"}</Row>
          </dl>
        </Card>

        <Card title="Limits">
          <dl data-testid="limits">
            <Row label="Inbound calls (max_in)">{account.limits.maxIn}</Row>
            <Row label="Outbound calls (max_out)">{account.limits.maxOut}</Row>
            <Row label="Dialer calls (max_dialer)">{account.limits.maxDialer}</Row>
          </dl>
        </Card>
      </div>

      {account.isReseller ? <ChildAccounts query={childQuery} basePath="/dashboard" /> : null}
    </main>
  );
}
