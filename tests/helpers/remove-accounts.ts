import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Removes accounts a test file made, with their money, so that the suite's one database is left as
 * the file found it (other files count the demo accounts). The ledger refuses deletes by design;
 * the owner switches that rule off inside one transaction, whose lock on the table keeps every
 * other session from ever seeing it off. `accountIds` in the order they were made (parents first).
 */
export async function removeAccountsWithMoney(owner: PrismaClient, accountIds: readonly string[]): Promise<void> {
  const ids = [...accountIds];
  await owner.$transaction(async (tx) => {
    await tx.$executeRaw`ALTER TABLE ledger_entries DISABLE TRIGGER ledger_is_append_only`;
    await tx.$executeRaw`DELETE FROM idempotency_keys
      WHERE entry_account_id = ANY (${ids}::uuid[]) OR account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM low_balance_alerts WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM ledger_entries WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`ALTER TABLE ledger_entries ENABLE TRIGGER ledger_is_append_only`;
    await tx.$executeRaw`DELETE FROM call_charges WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM call_records WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM call_ids WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM usage_daily WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM usage_monthly WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM audit_entries
      WHERE account_id = ANY (${ids}::uuid[]) OR target_account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM users WHERE account_id = ANY (${ids}::uuid[])`;
    await tx.$executeRaw`DELETE FROM host_map WHERE account_id = ANY (${ids}::uuid[])`;
    for (const id of ids.reverse()) await tx.$executeRaw`DELETE FROM accounts WHERE id = ${id}::uuid`;
  });
}
