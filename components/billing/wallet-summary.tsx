import { Badge } from "@/components/ui/badge";
import { Figures } from "@/components/ui/figures";
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
      <Figures
        size="2xl"
        className="grid-cols-1 sm:grid-cols-3"
        figures={[
          { label: "Balance", value: money(wallet.balanceMinor), testId: "wallet-balance" },
          { label: "Credit limit", value: money(wallet.creditLimitMinor), testId: "wallet-credit-limit" },
          {
            label: "Available",
            value: (
              <>
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
              </>
            ),
            testId: "wallet-available",
          },
        ]}
      />
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
