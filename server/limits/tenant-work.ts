import type { PrismaClient } from "@/server/db/types";
import { KeyedSemaphore } from "./keyed-semaphore";
import { type CounterSpec, LIMITS } from "./registry";
import { RetryLater } from "./retry-later";
import { sharedCounter } from "./shared-counter";

/**
 * Fair shares of the server between tenants: one tenant's requests run at most
 * `LIMITS.tenant.concurrent.running` at a time on this instance (a few more wait briefly), and at
 * most `LIMITS.tenant.perMinute` a minute across every instance. Beyond either, RetryLater.
 *
 * The turn is taken before the minute is counted, so a flooding tenant has only its few running
 * requests touching the database, the counter's query included; what waits or is refused costs
 * nothing but memory.
 */
export class TenantWorkGate {
  private readonly turns: KeyedSemaphore;

  constructor(
    private readonly limits: {
      concurrent: { running: number; queued: number; maxWaitMs: number };
      perMinute: CounterSpec;
    } = LIMITS.tenant,
  ) {
    this.turns = new KeyedSemaphore(limits.concurrent);
  }

  run<T>(db: PrismaClient, tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.turns.run(tenantId, async () => {
      const minute = await sharedCounter(db, this.limits.perMinute).hit(tenantId);
      if (!minute.allowed) {
        throw new RetryLater(minute.msBeforeNext, "Too many requests for this account this minute");
      }
      return work();
    });
  }
}

// One gate per server process (kept across development reloads): concurrency is a property of this
// process's database pool.
const globalForLimits = globalThis as unknown as { portalTenantWork?: TenantWorkGate };

export function tenantWorkGate(): TenantWorkGate {
  globalForLimits.portalTenantWork ??= new TenantWorkGate();
  return globalForLimits.portalTenantWork;
}
