import { requireOwnOrBelow } from "../accounts/scope";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

export type WalletView = {
  accountId: string;
  currency: string;
  /** The sum of the ledger, in minor units; below zero when the account uses its credit. */
  balanceMinor: number;
  /** How far below zero the balance may go, set by the parent. */
  creditLimitMinor: number;
  /** What top-ups and adjustments may still take: balance + credit limit (negative when over). */
  availableMinor: number;
  /** The balance is below -credit limit: a call charge took it there. */
  overCredit: boolean;
  /** Neither this account nor any above it is over credit (app_can_spend). */
  canSpend: boolean;
  /** Below this balance its owners and admins, and its parent's, are e-mailed; null: no alert. */
  alertThresholdMinor: number | null;
  /** The balance is below the alert threshold now. */
  belowAlertThreshold: boolean;
  /**
   * The latest time the balance fell below its alert: the balance it fell to, and whether everyone
   * to be told has been mailed (false while the mail waits or is being tried again). Null: never.
   */
  lastAlert: { at: Date; balanceMinor: number; mailed: boolean } | null;
};

/**
 * The wallet of the tenant or of an account below it (`accountId`), as the tenant may read it.
 * NOT_FOUND for any other account, whether or not it exists.
 */
export async function walletOf(db: TenantDb, tenantId: string, accountId: string = tenantId): Promise<WalletView> {
  await requireOwnOrBelow(db, tenantId, accountId);
  const [row] = await db.$queryRaw<
    {
      currency: string;
      balance: bigint;
      credit_limit: bigint;
      can_spend: boolean;
      threshold: bigint | null;
      alert_at: Date | null;
      alert_balance: bigint | null;
      alert_mailed: boolean | null;
    }[]
  >`SELECT w.currency, w.balance_minor AS balance, w.credit_limit_minor AS credit_limit,
           app_can_spend(w.account_id) AS can_spend, t.threshold_minor AS threshold,
           l.created_at AS alert_at, l.balance_after_minor AS alert_balance, l.sent_at IS NOT NULL AS alert_mailed
      FROM wallets w
      LEFT JOIN low_balance_thresholds t ON t.account_id = w.account_id
      LEFT JOIN LATERAL (
        SELECT a.created_at, a.balance_after_minor, a.sent_at FROM low_balance_alerts a
         WHERE a.account_id = w.account_id ORDER BY a.created_at DESC LIMIT 1
      ) l ON true
     WHERE w.account_id = ${accountId}::uuid`;
  // Every account gets its wallet when it is made (app_open_wallet): a missing one is a broken database.
  if (!row) throw new DomainError("NOT_FOUND", problem("wallet_not_found", "This account has no wallet.", "accountId"));
  const balanceMinor = Number(row.balance);
  const creditLimitMinor = Number(row.credit_limit);
  const alertThresholdMinor = row.threshold === null ? null : Number(row.threshold);
  return {
    accountId,
    currency: row.currency,
    balanceMinor,
    creditLimitMinor,
    availableMinor: balanceMinor + creditLimitMinor,
    overCredit: balanceMinor < -creditLimitMinor,
    canSpend: row.can_spend,
    alertThresholdMinor,
    belowAlertThreshold: alertThresholdMinor !== null && balanceMinor < alertThresholdMinor,
    lastAlert:
      row.alert_at === null
        ? null
        : { at: row.alert_at, balanceMinor: Number(row.alert_balance), mailed: row.alert_mailed === true },
  };
}

/**
 * The currency of an account's wallet, for readers that show its amounts (ledger, calls, usage,
 * statements, reports, prices). Every account has a wallet from the start; USD, the platform's,
 * stands in should one be missing.
 */
export async function walletCurrency(db: TenantDb, accountId: string): Promise<string> {
  const [wallet] = await db.$queryRaw<{ currency: string }[]>`
    SELECT currency FROM wallets WHERE account_id = ${accountId}::uuid`;
  return wallet?.currency ?? "USD";
}
