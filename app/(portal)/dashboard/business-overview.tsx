import { minutesText } from "@/components/billing/period";
import { Card, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { formatMoney } from "@/server/billing/money";
import type { BusinessSummary } from "@/server/reports/business";

/**
 * A reseller's business first: its accounts, this month's calls and money, who cannot spend, and
 * which of the accounts it bills are below their low-balance alert.
 */
export function BusinessOverview({ business }: { business: BusinessSummary }) {
  const money = (minor: number) => formatMoney(minor, business.currency);
  const figures = [
    ["Accounts", `${business.accounts.active} active`, "business-accounts"],
    ["Suspended", String(business.accounts.suspended), "business-suspended"],
    ["Minutes this month", minutesText(business.thisMonth.seconds), "business-minutes"],
    ["Revenue this month", money(business.thisMonth.revenueMinor), "business-revenue"],
    ["Margin this month", money(business.thisMonth.marginMinor), "business-margin"],
  ] as const;
  return (
    <Card aria-labelledby="business-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <CardTitle id="business-title">Your business</CardTitle>
        <TextLink href="/reports" className="text-sm">
          Reports
        </TextLink>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {figures.map(([label, value, testId]) => (
          <div key={label}>
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 text-sm font-semibold">Over their credit limit</h3>
      {business.overCredit.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="business-over-credit-none">
          No account below you is over its credit limit.
        </p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="business-over-credit">
          {business.overCredit.map((account) => (
            <li key={account.accountId}>
              <TextLink href={`/accounts/${account.accountId}/wallet`}>{account.name}</TextLink>:{" "}
              {money(account.balanceMinor)} with a credit limit of {money(account.creditLimitMinor)}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-4 text-sm font-semibold">Below their low-balance alert</h3>
      {business.belowAlertThreshold.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="business-low-balance-none">
          No account you bill is below its low-balance alert.
        </p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1 text-sm" data-testid="business-low-balance">
          {business.belowAlertThreshold.map((account) => (
            <li key={account.accountId}>
              <TextLink href={`/accounts/${account.accountId}/wallet`}>{account.name}</TextLink>:{" "}
              {money(account.balanceMinor)}, alert below {money(account.thresholdMinor)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
