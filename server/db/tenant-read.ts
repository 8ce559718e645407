import type { PoolClient } from "pg";
import { logger } from "../log";
import { type PrismaClient, poolOf } from "./client";
import { executeWithUuids, pgReader, type SqlReader } from "./sql-reader";
import { TENANT_TRANSACTION_MS } from "./tenant";
import { checkAnswer, tenantSetting } from "./tenant-start";
import type { Prisma } from "./types";

/** Runs one statement in the tenant's transaction and answers its rows. */
export type TenantReader = SqlReader;

/** As long as a tenant transaction may run (withTenant's), enforced by PostgreSQL itself. */
const STATEMENT_TIMEOUT = `SELECT set_config('statement_timeout', '${TENANT_TRANSACTION_MS}ms', true)`;

export type TenantReadOptions = {
  /** One more statement for the first message, answering one jsonb column `checked` (session-check.ts). */
  check?: string;
  /**
   * A statement the work reads first, known before it runs (only UUIDs among its values): it
   * travels in the first message, and the work's read of it is answered from there.
   */
  first?: Prisma.Sql;
  /** As `first`, and the only statement the work reads: COMMIT travels in the same message. */
  only?: Prisma.Sql;
};

/**
 * Runs `work` in one transaction whose `app.account_id` is `accountId`, as withTenant does, for a
 * request that only reads: the same request role, the same transaction-local tenant and the same
 * row-level security, on a connection of the same pool, without Prisma's interactive transaction.
 *
 * BEGIN, the tenant, a statement timeout and `check` travel in one message; `work` then decides on
 * the check's answer before it reads anything; each read is one round trip; COMMIT ends it
 * (ROLLBACK on any error). A statement declared as `first` or `only` travels in that first message
 * too, in a transaction that is then READ ONLY, and its rows reach the work only when the work
 * reads it, after its decision: a refused request's rows are dropped unseen, and it wrote nothing.
 * With `only`, COMMIT goes in that message as well: one round trip in all, and the work can read
 * nothing else.
 *
 * Why: on the hottest calls (account.current on every page and program start) Prisma's transaction
 * machinery and query interpreter were about a third of the server's CPU per request, and each
 * round trip costs the server's event loop about as much as the rest of the call
 * (docs/PERFORMANCE.md, "The request path over HTTP").
 */
export async function readAsTenant<T>(
  db: PrismaClient,
  accountId: string,
  work: (read: TenantReader, checked: unknown) => Promise<T>,
  options: TenantReadOptions = {},
): Promise<T> {
  const declared = options.only ?? options.first;
  // Written before a connection is taken: both refuse anything that is not a UUID.
  const setTenant = tenantSetting(accountId);
  const execute = declared ? executeWithUuids(declared) : undefined;
  const client = await poolOf(db).connect();
  // Prepared once per connection (SQL's own PREPARE, the simple protocol has no other), so that
  // PostgreSQL plans the statement once, not on every request.
  const prepare =
    declared && execute && !isPrepared(client, execute.name)
      ? `PREPARE ${execute.name} AS ${declared.text}`
      : undefined;
  const statements = [
    declared ? "BEGIN READ ONLY" : "BEGIN",
    setTenant,
    STATEMENT_TIMEOUT,
    options.check,
    prepare,
    execute?.text,
    options.only ? "COMMIT" : undefined,
  ].filter((statement): statement is string => statement !== undefined);
  let broken: Error | undefined;
  let released = false;
  try {
    // One result per statement, in the message's order.
    const answers = (await client.query(statements.join("; "))) as unknown as Answer[];
    if (prepare && execute) markPrepared(client, execute.name);
    // The check answers its one jsonb column `checked`.
    const checked = options.check ? checkAnswer(answers[statements.indexOf(options.check)]?.rows[0]?.checked) : null;
    const rows = execute ? (answers[statements.indexOf(execute.text)]?.rows ?? []) : [];
    if (options.only) {
      // The transaction has ended: the connection goes back before the work runs.
      client.release();
      released = true;
      return await work(answering(options.only, rows, null), checked);
    }
    const read = declared ? answering(declared, rows, pgReader(client)) : pgReader(client);
    const value = await work(read, checked);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    if (released) throw error;
    // The statements after a failed one in a message are skipped, COMMIT among them.
    broken = await rollback(client, error);
    // Whether a PREPARE in a failed message holds is not known: the pool closes that connection.
    if (prepare) broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A connection whose ROLLBACK failed is in an unknown state: the pool closes it.
    if (!released) client.release(broken);
  }
}

type Answer = { rows: Record<string, unknown>[] };

/**
 * A reader that answers `declared` (the same text and values) once from `rows`, read in the first
 * message, and everything else through `rest`; with no `rest` the transaction has ended.
 */
function answering(declared: Prisma.Sql, rows: Record<string, unknown>[], rest: TenantReader | null): TenantReader {
  let served = false;
  return (async (statement: Prisma.Sql) => {
    if (!served && statement.text === declared.text && sameValues(statement.values, declared.values)) {
      served = true;
      return rows;
    }
    if (rest) return rest(statement);
    throw new Error("this tenant read declared one statement, read it already, and has ended its transaction");
  }) as TenantReader;
}

// The statements each connection has prepared with SQL's PREPARE. One registry per process, as
// Next bundles this module once per layer and every copy shares the pool's connections.
const globalForPrepared = globalThis as unknown as { portalSqlPrepared?: WeakMap<object, Set<string>> };
globalForPrepared.portalSqlPrepared ??= new WeakMap();
const sqlPrepared = globalForPrepared.portalSqlPrepared;

function isPrepared(client: object, name: string): boolean {
  return sqlPrepared.get(client)?.has(name) ?? false;
}

function markPrepared(client: object, name: string): void {
  const names = sqlPrepared.get(client) ?? new Set<string>();
  names.add(name);
  sqlPrepared.set(client, names);
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Rolls back after `cause`; answers the rollback's own failure, if it failed. */
async function rollback(client: PoolClient, cause: unknown): Promise<Error | undefined> {
  try {
    await client.query("ROLLBACK");
    return undefined;
  } catch (error) {
    logger.error({ err: error, cause }, "rollback of a tenant read failed");
    return error instanceof Error ? error : new Error(String(error));
  }
}
