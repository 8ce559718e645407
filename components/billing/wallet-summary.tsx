import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { formatMoney } from "@/server/billing/money";
import type { WalletView } from "@/server/billing/wallet";

export type WalletSummaryProps = {
  wallet: Omit<WalletView, "accountId">;
  /** Whose wallet, as the sentences name it: "Bistro Group", or "Your account". */
  owner: string;
};

/**
 * Balance, credit limit and what is left, and why calls would be refused when they would: the
 * account itself is over its credit limit, or an account above it is (named only as "your
 * provider": a customer never sees its reseller's books). Short of that, whether the balance is
 * below its low-balance alert.
 */
export function WalletSummary({ wallet, owner }: WalletSummaryProps) {
  const money = (minor: number) => formatMoney(minor, wallet.currency);
  return (
    <div className="flex flex-col gap-3" data-testid="wallet-summary">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">Balance</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="wallet-balance">
            {money(wallet.balanceMinor)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Credit limit</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="wallet-credit-limit">
            {money(wallet.creditLimitMinor)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Available</dt>
          <dd className="text-2xl font-semibold tabular-nums" data-testid="wallet-available">
            {money(wallet.availableMinor)}{" "}
            {wallet.overCredit ? (
              <Badge tone="danger" className="align-middle">
                Over credit
              </Badge>
            ) : wallet.belowAlertThreshold ? (
              <Badge tone="warning" className="align-middle">
                Low balance
              </Badge>
            ) : null}
          </dd>
        </div>
      </dl>
      {wallet.overCredit ? (
        <Notice tone="error" data-testid="wallet-over-credit">
          {owner} is {money(-wallet.availableMinor)} past its credit limit: new calls are refused until it is topped up.
        </Notice>
      ) : !wallet.canSpend ? (
        <Notice tone="error" data-testid="wallet-held-above">
          Calls are paused by your provider's account. Contact your provider.
        </Notice>
      ) : wallet.belowAlertThreshold && wallet.alertThresholdMinor !== null ? (
        <Notice data-testid="wallet-low-balance">
          {owner} is below its low-balance alert of {money(wallet.alertThresholdMinor)}.
        </Notice>
      ) : null}
    </div>
  );
}
