import { minutesText } from "@/components/billing/period";
import { Card, CardTitle } from "@/components/ui/card";
import { Figures } from "@/components/ui/figures";
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
    { label: "Accounts", value: `${business.accounts.active} active`, testId: "business-accounts" },
    { label: "Suspended", value: String(business.accounts.suspended), testId: "business-suspended" },
    { label: "Minutes this month", value: minutesText(business.thisMonth.seconds), testId: "business-minutes" },
    { label: "Revenue this month", value: money(business.thisMonth.revenueMinor), testId: "business-revenue" },
    { label: "Margin this month", value: money(business.thisMonth.marginMinor), testId: "business-margin" },
  ];
  return (
    <Card aria-labelledby="business-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <CardTitle id="business-title">Your business</CardTitle>
        <TextLink href="/reports" className="text-sm">
          Reports
        </TextLink>
      </div>
      <Figures className="grid-cols-2 sm:grid-cols-5" figures={figures} />
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
