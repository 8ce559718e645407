/**
 * The limits in front of API keys (numbers in server/limits/registry.ts LIMITS.apiKey): failed
 * lookups per client address, strictly (an address past the limit is refused before its key is
 * even looked up, so it cannot tell a good key from a bad one by the answer), and requests per
 * key's account, generously (a runaway program stops before it eats the account's share).
 */
import type { PrismaClient } from "../db/types";
import { env } from "../env";
import { batchedCounter } from "../limits/batched-counter";
import { type CounterSpec, LIMITS } from "../limits/registry";
import { retryAfterSecondsOf } from "../limits/retry-later";
import { sharedCounter, storedKeyOf } from "../limits/shared-counter";

/** Seconds to wait, when a limit refuses; null when it admits. */
export type Wait = number | null;

/** Where a client's failed lookups are counted: the row (limits.counters) and the points that refuse. */
export type FailureGate = { storedKey: string; points: number };

export type KeyUseLimits = {
  /**
   * The counter of this address's failed lookups, read by the lookup itself in the same statement
   * (server/auth/resolve-principal.ts): an address past the limit is refused before its key is
   * looked up, with no round trip of its own.
   */
  failureGate(ip: string | null): FailureGate;
  /** The lookup failed (no such key, revoked, expired): counted against the address. */
  failed(ip: string | null): Promise<void>;
  /** The key holds: counted for its account. */
  used(accountId: string): Promise<Wait>;
};

const source = (ip: string | null) => ip ?? "unknown";

/** The portal's key limits (or `specs`, in tests), counting in `db` (shared by every server instance). */
export function keyUseLimits(
  db: PrismaClient,
  specs: { failuresPerSource: CounterSpec; perAccount: CounterSpec } = LIMITS.apiKey,
): KeyUseLimits {
  const failures = sharedCounter(db, specs.failuresPerSource);
  // Counted on every request made with a key: written in batches, not a round trip each.
  const perAccount = batchedCounter(db, specs.perAccount, env.LIMIT_WRITE_INTERVAL_MS);
  return {
    failureGate(ip) {
      return { storedKey: storedKeyOf(specs.failuresPerSource, source(ip)), points: specs.failuresPerSource.points };
    },
    async failed(ip) {
      await failures.hit(source(ip));
    },
    async used(accountId) {
      const state = await perAccount.hit(accountId);
      return state.allowed ? null : retryAfterSecondsOf(state.msBeforeNext);
    },
  };
}
