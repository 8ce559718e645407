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
};

/**
 * The wallet of the tenant or of an account below it (`accountId`), as the tenant may read it.
 * NOT_FOUND for any other account, whether or not it exists.
 */
export async function walletOf(db: TenantDb, tenantId: string, accountId: string = tenantId): Promise<WalletView> {
  await requireOwnOrBelow(db, tenantId, accountId);
  const [row] = await db.$queryRaw<
    { currency: string; balance: bigint; credit_limit: bigint; can_spend: boolean }[]
  >`SELECT currency, balance_minor AS balance, credit_limit_minor AS credit_limit, app_can_spend(account_id) AS can_spend
      FROM wallets WHERE account_id = ${accountId}::uuid`;
  // Every account gets its wallet when it is made (app_open_wallet): a missing one is a broken database.
  if (!row) throw new DomainError("NOT_FOUND", problem("wallet_not_found", "This account has no wallet.", "accountId"));
  const balanceMinor = Number(row.balance);
  const creditLimitMinor = Number(row.credit_limit);
  return {
    accountId,
    currency: row.currency,
    balanceMinor,
    creditLimitMinor,
    availableMinor: balanceMinor + creditLimitMinor,
    overCredit: balanceMinor < -creditLimitMinor,
    canSpend: row.can_spend,
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
