import { z } from "zod";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { CONNECTION_WAIT_MS } from "./client";
import { startingTenant, type TenantStart } from "./tenant-start";

/** The client a tenant-scoped request works with: one transaction with `app.account_id` set. */
export type TenantDb = Prisma.TransactionClient;

const AccountId = z.uuid();

/** How long a tenant's transaction may run, unless its caller says otherwise. */
export const TENANT_TRANSACTION_MS = 15_000;

/**
 * Runs `work` in one interactive transaction whose `app.account_id` is `accountId`, so that the
 * row-level security policies admit only that tenant's rows. `set_config(..., true)` is local to
 * the transaction: the pooled connection forgets it at COMMIT or ROLLBACK. Errors from `work`
 * roll the whole transaction back.
 *
 * The `set_config` travels with the transaction's BEGIN, in one message (server/db/tenant-start.ts);
 * when the client is not one that does that, it is sent on its own before `work` runs. `check`, a
 * statement whose first row's `checked` column `work` receives, travels in the same message: a
 * request's session is checked in the round trip that begins its transaction.
 */
export async function withTenant<T>(
  db: PrismaClient,
  accountId: string,
  work: (tx: TenantDb, checked: unknown) => Promise<T>,
  options: { timeoutMs?: number; check?: string } = {},
): Promise<T> {
  const checked = AccountId.parse(accountId);
  const start: TenantStart = { accountId: checked, applied: false, check: options.check };
  return startingTenant(start, () =>
    db.$transaction(
      async (tx) => {
        if (!start.applied) {
          await tx.$executeRaw`SELECT set_config('app.account_id', ${checked}, true)`;
          if (options.check) {
            const rows = await tx.$queryRawUnsafe<{ checked: unknown }[]>(options.check);
            start.checked = rows[0]?.checked ?? null;
          }
        }
        return work(tx, start.checked ?? null);
      },
      { timeout: options.timeoutMs ?? TENANT_TRANSACTION_MS, maxWait: CONNECTION_WAIT_MS },
    ),
  );
}
