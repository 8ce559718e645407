import { z } from "zod";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";

/** The client a tenant-scoped request works with: one transaction with `app.account_id` set. */
export type TenantDb = Prisma.TransactionClient;

const AccountId = z.uuid();

/**
 * Runs `work` in one interactive transaction whose `app.account_id` is `accountId`, so that the
 * row-level security policies admit only that tenant's rows. `set_config(..., true)` is local to
 * the transaction: the pooled connection forgets it at COMMIT or ROLLBACK. Errors from `work`
 * roll the whole transaction back.
 */
export async function withTenant<T>(
  db: PrismaClient,
  accountId: string,
  work: (tx: TenantDb) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const checked = AccountId.parse(accountId);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.account_id', ${checked}, true)`;
      return work(tx);
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: 5_000 },
  );
}
