import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { PrismaClient } from "@/server/db/types";
import type { CounterSpec } from "./registry";

/** Where a key stands after a hit: within its limit or not, its count, and when it frees up. */
export type CounterState = { allowed: boolean; consumed: number; msBeforeNext: number };

type StoreQuery = { name?: string; text: string; values?: unknown[] };
type StoreResult = { rows: Record<string, unknown>[]; rowCount: number };

/**
 * RateLimiterPostgres speaks to a `pg`-like client (`query({ text, values })`). This one runs its
 * fixed statements through the Prisma client the caller already has, as the request role, so the
 * limits need no pool or connection setting of their own. PostgreSQL's bigint comes back as a
 * BigInt from Prisma; the store does arithmetic with numbers (epoch milliseconds fit).
 */
function storeClientOf(db: PrismaClient) {
  return {
    async query({ text, values = [] }: StoreQuery): Promise<StoreResult> {
      if (/^\s*DELETE\b/i.test(text)) {
        return { rows: [], rowCount: await db.$executeRawUnsafe(text, ...values) };
      }
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
      const plain = rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
      );
      return { rows: plain, rowCount: plain.length };
    },
  };
}

/**
 * One limit counted in PostgreSQL (table `limits.counters`, created by a migration), so every
 * server instance sees the same counts. Keys are hashed: the table never holds an e-mail or an
 * address, and any key fits its column.
 */
export class SharedCounter {
  private readonly limiter: RateLimiterPostgres;

  constructor(
    db: PrismaClient,
    readonly spec: CounterSpec,
  ) {
    this.limiter = new RateLimiterPostgres({
      storeClient: storeClientOf(db),
      storeType: "client",
      schemaName: "limits",
      tableName: "counters",
      tableCreated: true,
      keyPrefix: spec.keyPrefix,
      points: spec.points,
      duration: spec.duration,
      blockDuration: spec.blockDuration ?? 0,
    });
  }

  /** Counts one for `key` and says whether it is still within the limit. */
  async hit(key: string): Promise<CounterState> {
    try {
      const res = await this.limiter.consume(hashKey(key));
      return { allowed: true, consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
    } catch (refusal) {
      // The store rejects with a RateLimiterRes over the limit, with an Error when it failed.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, consumed: refusal.consumedPoints, msBeforeNext: refusal.msBeforeNext };
    }
  }

  /** Takes back one hit (an attempt that turned out not to count). */
  async undo(key: string): Promise<void> {
    await this.limiter.reward(hashKey(key));
  }

  /** Forgets `key` entirely. */
  async forget(key: string): Promise<void> {
    await this.limiter.delete(hashKey(key));
  }
}

/**
 * How limits.counters names `key` of a limit: its prefix and the key's hash, as the store writes
 * it. Also for a statement that reads where a key stands together with other work
 * (server/auth/resolve-principal.ts reads a client's failed key lookups in the lookup itself).
 */
export function storedKeyOf(spec: CounterSpec, key: string): string {
  return `${spec.keyPrefix}:${hashKey(key)}`;
}

// The hashes of the keys hit lately: most requests count the same few tenants and clients.
const hashes = new LRUCache<string, string>({ max: 10_000 });

function hashKey(key: string): string {
  let hash = hashes.get(key);
  if (hash === undefined) {
    hash = createHash("sha256").update(key).digest("base64url");
    hashes.set(key, hash);
  }
  return hash;
}

// One limiter per client and counter: the store keeps in-memory state (refusals, its clean-up
// timer) that must not be duplicated per request.
const counters = new WeakMap<PrismaClient, Map<string, SharedCounter>>();

/** The counter for `spec` on `db`: the one factory every PostgreSQL-backed limit comes from. */
export function sharedCounter(db: PrismaClient, spec: CounterSpec): SharedCounter {
  let byPrefix = counters.get(db);
  if (!byPrefix) {
    byPrefix = new Map();
    counters.set(db, byPrefix);
  }
  const id = JSON.stringify(spec);
  let counter = byPrefix.get(id);
  if (!counter) {
    counter = new SharedCounter(db, spec);
    byPrefix.set(id, counter);
  }
  return counter;
}
