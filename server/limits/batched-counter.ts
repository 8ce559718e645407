import type { PrismaClient } from "@/server/db/types";
import { atShutdown } from "../lifecycle/shutdown";
import { logger } from "../log";
import type { CounterSpec } from "./registry";
import { type CounterState, storedKeyOf } from "./shared-counter";

type Written = { points: number; expire: number };
type Row = { key: string; points: number; expire: bigint | number };

/**
 * A per-request limit (a tenant's requests a minute, an account's key use a minute) counted in the
 * same table as the other limits (`limits.counters`, one fixed window per key) without a round trip
 * per request: hits are added up here and written every `flushMs` milliseconds for every key at
 * once, in one statement that answers each key's total across every server instance.
 *
 * A hit is refused when the total last written plus the hits not yet written pass the limit, so
 * on one instance the limit is exact. Across instances each sees the others' hits at its next
 * write: together they may pass the limit by what they admit in one interval (documented in
 * docs/PERFORMANCE.md), the price of not asking the database on every request. `flushMs` 0 writes
 * on every hit and refuses on the written total, as a strict counter does.
 */
export class BatchedCounter {
  private pending = new Map<string, number>();
  private written = new Map<string, Written>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: PrismaClient,
    readonly spec: CounterSpec,
    private readonly flushMs: number,
  ) {}

  // While hits wait to be written, the server's shutdown writes them (server/lifecycle/shutdown.ts):
  // they are not lost with the process. Registered only while there are some, so that a counter
  // with nothing to write is not kept alive by the registry.
  private unregister: (() => void) | null = null;

  /** Counts one for `key`, unless it is already over its limit, and says where it stands. */
  async hit(key: string): Promise<CounterState> {
    const stored = storedKeyOf(this.spec, key);
    const now = Date.now();
    const known = this.current(stored, now);
    const waiting = this.pending.get(stored) ?? 0;
    const consumed = (known?.points ?? 0) + waiting + 1;
    const msBeforeNext = known ? known.expire - now : this.spec.duration * 1000;
    if (consumed > this.spec.points) return { allowed: false, consumed: consumed - 1, msBeforeNext };
    this.pending.set(stored, waiting + 1);
    if (this.flushMs > 0) this.unregister ??= atShutdown(() => this.flush());
    if (this.flushMs === 0) {
      await this.flush();
      const after = this.current(stored, Date.now());
      const total = after?.points ?? consumed;
      return { allowed: total <= this.spec.points, consumed: total, msBeforeNext: (after?.expire ?? now) - now };
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: unknown) =>
        logger.error({ err: error, counter: this.spec.keyPrefix }, "limit write failed"),
      );
    }, this.flushMs).unref();
    return { allowed: true, consumed, msBeforeNext };
  }

  /**
   * Writes the hits not yet written, one statement for every key, and learns each key's total.
   * Writes run one after another; hits that fail to be written stay to be written next time.
   */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.write());
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const now = Date.now();
    try {
      const rows = await this.db.$queryRaw<Row[]>`
        INSERT INTO limits.counters AS c (key, points, expire)
        SELECT key, points, ${now + this.spec.duration * 1000}::bigint
        FROM unnest(${[...batch.keys()]}::text[], ${[...batch.values()]}::int[]) AS hits(key, points)
        ON CONFLICT (key) DO UPDATE SET
          points = CASE WHEN c.expire <= ${now}::bigint THEN excluded.points ELSE c.points + excluded.points END,
          expire = CASE WHEN c.expire <= ${now}::bigint THEN excluded.expire ELSE c.expire END
        RETURNING key, points, expire`;
      for (const row of rows) this.written.set(row.key, { points: row.points, expire: Number(row.expire) });
    } catch (error) {
      for (const [key, hits] of batch) this.pending.set(key, (this.pending.get(key) ?? 0) + hits);
      throw error;
    }
    if (this.pending.size === 0) {
      this.unregister?.();
      this.unregister = null;
    }
    // Windows that have ended are forgotten, so that memory follows the keys in use, not all ever seen.
    for (const [key, known] of this.written) if (known.expire <= now) this.written.delete(key);
  }

  private current(key: string, now: number): Written | undefined {
    const known = this.written.get(key);
    if (known && known.expire <= now) {
      this.written.delete(key);
      return undefined;
    }
    return known;
  }
}

// One counter per client and limit: the hits waiting to be written must not be split.
const counters = new WeakMap<PrismaClient, Map<string, BatchedCounter>>();

/** The batched counter for `spec` on `db`, writing every `flushMs` milliseconds. */
export function batchedCounter(db: PrismaClient, spec: CounterSpec, flushMs: number): BatchedCounter {
  let bySpec = counters.get(db);
  if (!bySpec) {
    bySpec = new Map();
    counters.set(db, bySpec);
  }
  const id = `${JSON.stringify(spec)}@${flushMs}`;
  let counter = bySpec.get(id);
  if (!counter) {
    counter = new BatchedCounter(db, spec, flushMs);
    bySpec.set(id, counter);
  }
  return counter;
}
