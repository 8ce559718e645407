import { formatMoney } from "@/server/billing/money";
import type { WalletView } from "@/server/billing/wallet";
import { when } from "./ledger-table";

/** When the balance last fell below its alert, to what, and whether the mail has gone. */
export function LastAlert(props: { alert: WalletView["lastAlert"]; currency: string; timeZone: string }) {
  const { alert } = props;
  return (
    <p className="mt-3 text-sm text-slate-600" data-testid="last-alert">
      {alert ? (
        <>
          Last alert: <time dateTime={alert.at.toISOString()}>{when(alert.at, props.timeZone)}</time>, when the balance
          fell to {formatMoney(alert.balanceMinor, props.currency)}; {alert.mailed ? "e-mailed." : "not e-mailed yet."}
        </>
      ) : (
        "No alert has been sent yet."
      )}
    </p>
  );
}
