import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { TenantStartClient } from "./tenant-start";

export type { PrismaClient };

/** One SQL statement the client sent, as Prisma reports it (`params` is a JSON array). */
export type SentQuery = { query: string; params: string; durationMs: number };

/**
 * The web server's pool (server/db/app-client.ts): ten connections, all kept open, so that a burst
 * of requests never waits for one to open.
 */
export const PORTAL_POOL = { max: 10, keepOpen: 10 } as const;

/** How long a request waits for a connection of the pool: withTenant's maxWait. */
export const CONNECTION_WAIT_MS = 5_000;

// Each client's pool, so that its kept connections can be opened ahead of need and the read path
// can use them. One registry per process, not per module instance: Next bundles server code once
// per layer (route handlers, server actions, pages), and a client made in one is used in the others.
const globalForPools = globalThis as unknown as { portalPools?: WeakMap<PrismaClient, pg.Pool> };
globalForPools.portalPools ??= new WeakMap();
const pools = globalForPools.portalPools;

/**
 * A Prisma client on `url`. Only server/db creates clients; everything else receives one.
 * `keepOpen` connections stay open when idle (the rest close after ten idle seconds); a statement
 * outside Prisma's transactions waits `connectionWaitMs` at most for a free connection;
 * `onQuery` sees every statement the client sends (benchmarks use it to explain a code path's SQL).
 */
export function createPrismaClient(
  url: string,
  options: { max?: number; keepOpen?: number; connectionWaitMs?: number; onQuery?: (query: SentQuery) => void } = {},
): PrismaClient {
  // Every pooled connection is a TenantStartClient: a tenant transaction's BEGIN carries its tenant.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    min: options.keepOpen ?? 0,
    // A request waits for a free connection as long as Prisma's transactions do (maxWait), then fails.
    connectionTimeoutMillis: options.connectionWaitMs ?? CONNECTION_WAIT_MS,
    Client: TenantStartClient,
  });
  // A kept connection the server ends (a restart, an administrator) is an error on the pool, which
  // drops that connection; unheard, the error would end the process. It is logged without its
  // `client` (the whole connection, secrets included), by a logger loaded only then: the logger
  // reads the environment, which tests set after importing this module.
  pool.on("error", (error: Error & { code?: string }) => {
    void import("../log").then(({ logger }) =>
      logger.warn({ code: error.code, reason: error.message }, "an idle database connection failed; the pool drops it"),
    );
  });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = options.onQuery ? tracedClient(adapter, options.onQuery) : new PrismaClient({ adapter });
  pools.set(client, pool);
  return client;
}

function tracedClient(adapter: PrismaPg, onQuery: (query: SentQuery) => void): PrismaClient {
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery({ query: event.query, params: event.params, durationMs: event.duration }));
  return client;
}

/** The pool under a client made by createPrismaClient. */
export function poolOf(db: PrismaClient): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("this client was not made by createPrismaClient");
  return pool;
}

/**
 * Opens the connections `db` keeps (its `keepOpen`) now rather than when requests first need them.
 * Opening one takes several round trips and a SCRAM exchange, each waiting its turn on a busy event
 * loop: under a burst of requests that can outlast a transaction's wait for a connection (5 s), so
 * the server opens them before the burst, at start.
 */
export async function openKeptConnections(db: PrismaClient): Promise<void> {
  const pool = poolOf(db);
  const missing = Math.max(0, (pool.options.min ?? 0) - pool.totalCount);
  const opened = await Promise.allSettled(Array.from({ length: missing }, () => pool.connect()));
  for (const result of opened) if (result.status === "fulfilled") result.value.release();
  const failed = opened.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}
