import type { PrismaClient } from "@/server/db/types";
import { env } from "../env";
import { batchedCounter } from "./batched-counter";
import { KeyedSemaphore } from "./keyed-semaphore";
import { type CounterSpec, LIMITS } from "./registry";
import { RetryLater } from "./retry-later";

/**
 * Fair shares of the server between tenants: one tenant's requests run at most
 * `LIMITS.tenant.concurrent.running` at a time on this instance (a few more wait briefly), and at
 * most `LIMITS.tenant.perMinute` a minute across every instance. Beyond either, RetryLater.
 *
 * A turn is taken first, before anything touches the database; the minute is counted later, inside
 * the turn, once the request is known to come from a valid session. So a flooding tenant has only
 * its few running requests using the database pool, and a token that is no longer valid cannot
 * spend its tenant's minute.
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

  /** Runs `work` in one of the tenant's turns on this instance. */
  takeTurn<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.turns.run(tenantId, work);
  }

  /**
   * Counts one request of the tenant's minute. The count is written with the others every
   * LIMIT_WRITE_INTERVAL_MS, not by this request: no round trip on the request path.
   */
  async countRequest(db: PrismaClient, tenantId: string): Promise<void> {
    const minute = await batchedCounter(db, this.limits.perMinute, env.LIMIT_WRITE_INTERVAL_MS).hit(tenantId);
    if (!minute.allowed) {
      throw new RetryLater(minute.msBeforeNext, "Too many requests for this account this minute");
    }
  }
}

// One gate per server process (kept across development reloads): concurrency is a property of this
// process's database pool.
const globalForLimits = globalThis as unknown as { portalTenantWork?: TenantWorkGate };

export function tenantWorkGate(): TenantWorkGate {
  globalForLimits.portalTenantWork ??= new TenantWorkGate();
  return globalForLimits.portalTenantWork;
}
