import { z } from "zod";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { startingTenant } from "./tenant-start";

/** The client a tenant-scoped request works with: one transaction with `app.account_id` set. */
export type TenantDb = Prisma.TransactionClient;

const AccountId = z.uuid();

/**
 * Runs `work` in one interactive transaction whose `app.account_id` is `accountId`, so that the
 * row-level security policies admit only that tenant's rows. `set_config(..., true)` is local to
 * the transaction: the pooled connection forgets it at COMMIT or ROLLBACK. Errors from `work`
 * roll the whole transaction back.
 *
 * The `set_config` travels with the transaction's BEGIN, in one message (server/db/tenant-start.ts);
 * when the client is not one that does that, it is sent on its own before `work` runs.
 */
export async function withTenant<T>(
  db: PrismaClient,
  accountId: string,
  work: (tx: TenantDb) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const checked = AccountId.parse(accountId);
  const start = { accountId: checked, applied: false };
  return startingTenant(start, () =>
    db.$transaction(
      async (tx) => {
        if (!start.applied) await tx.$executeRaw`SELECT set_config('app.account_id', ${checked}, true)`;
        return work(tx);
      },
      { timeout: options.timeoutMs ?? 15_000, maxWait: 5_000 },
    ),
  );
}
