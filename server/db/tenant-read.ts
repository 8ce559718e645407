import type { PoolClient } from "pg";
import { logger } from "../log";
import { type PrismaClient, poolOf } from "./client";
import { executeWithUuids, pgReader, type SqlReader } from "./sql-reader";
import { TENANT_TRANSACTION_MS } from "./tenant";
import { beginFor, lastAnswer, tenantSetting } from "./tenant-start";
import type { Prisma } from "./types";

/** Runs one statement in the tenant's transaction and answers its rows. */
export type TenantReader = SqlReader;

/** As long as a tenant transaction may run (withTenant's), enforced by PostgreSQL itself. */
const STATEMENT_TIMEOUT = `SELECT set_config('statement_timeout', '${TENANT_TRANSACTION_MS}ms', true)`;

/**
 * Runs `work` in one transaction whose `app.account_id` is `accountId`, as withTenant does, for a
 * request that only reads: the same request role, the same transaction-local tenant and the same
 * row-level security, on a connection of the same pool, without Prisma's interactive transaction.
 * BEGIN, the tenant and `check` travel in one message; `work` then decides on the check's answer
 * before it reads anything; each read is one round trip; COMMIT ends it (ROLLBACK on any error).
 *
 * Why: on the hottest calls (account.current on every page and program start) Prisma's transaction
 * machinery and query interpreter were about a third of the server's CPU per request
 * (docs/PERFORMANCE.md, "The request path over HTTP").
 */
export async function readAsTenant<T>(
  db: PrismaClient,
  accountId: string,
  work: (read: TenantReader, checked: unknown) => Promise<T>,
  options: { check?: string; only?: Prisma.Sql } = {},
): Promise<T> {
  if (options.only) return readOneStatement(db, accountId, options.only, work, options.check);
  // Written before a connection is taken: beginFor refuses a tenant that is not a UUID.
  const begin = [beginFor(accountId), STATEMENT_TIMEOUT, options.check].filter(Boolean).join("; ");
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    // Several statements in one message answer one result each (pg types it as one).
    const begun = (await client.query({ text: begin, rowMode: "array" })) as unknown as { rows: unknown[][] }[];
    const checked = options.check ? lastAnswer(begun) : null;
    const value = await work(pgReader(client), checked);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    broken = await rollback(client, error);
    throw error;
  } finally {
    // A connection whose ROLLBACK failed is in an unknown state: the pool closes it.
    client.release(broken);
  }
}

type Answer = { rows: Record<string, unknown>[] };

/**
 * readAsTenant for work that reads exactly one statement, `only`, known before the work runs (the
 * procedure declares it): the whole transaction travels in one message, one round trip instead of
 * three. BEGIN READ ONLY, the tenant, the timeout, `check`, `only` and COMMIT; then `work` decides
 * on the check's answer, and only then can it have `only`'s rows. A refused request has read them
 * in a transaction that could write nothing, and they are dropped unseen.
 *
 * Only UUIDs may be among `only`'s values (they are written into the message's text); any other
 * read by `work` fails, since the transaction has ended.
 */
async function readOneStatement<T>(
  db: PrismaClient,
  accountId: string,
  only: Prisma.Sql,
  work: (read: TenantReader, checked: unknown) => Promise<T>,
  check: string | undefined,
): Promise<T> {
  // Written before a connection is taken: both refuse anything that is not a UUID.
  const setTenant = tenantSetting(accountId);
  const execute = executeWithUuids(only);
  const client = await poolOf(db).connect();
  // Prepared once per connection (SQL's own PREPARE, the simple protocol has no other), so that
  // PostgreSQL plans the statement once, not on every request.
  const prepare = isPrepared(client, execute.name) ? undefined : `PREPARE ${execute.name} AS ${only.text}`;
  const statements = ["BEGIN READ ONLY", setTenant, STATEMENT_TIMEOUT, check, prepare, execute.text, "COMMIT"].filter(
    (statement): statement is string => statement !== undefined,
  );
  let broken: Error | undefined;
  let answers: Answer[];
  try {
    // One result per statement, in the message's order.
    answers = (await client.query(statements.join("; "))) as unknown as Answer[];
    if (prepare) markPrepared(client, execute.name);
  } catch (error) {
    // The statements after the failed one were skipped, COMMIT among them.
    broken = await rollback(client, error);
    // Whether a PREPARE in a failed message holds is not known: the pool closes that connection.
    if (prepare) broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
  const rows = answers[statements.indexOf(execute.text)]?.rows ?? [];
  const checked = check ? checkedOf(answers[statements.indexOf(check)]) : null;
  let served = false;
  const read = (async (statement: Prisma.Sql) => {
    if (served || statement.text !== only.text || !sameValues(statement.values, only.values)) {
      throw new Error("this tenant read declared one statement, read it already, and has ended its transaction");
    }
    served = true;
    return rows;
  }) as TenantReader;
  return work(read, checked);
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

/** The check's answer: its one jsonb column `checked` (null when it has no row). */
function checkedOf(answer: Answer | undefined): unknown {
  const value = answer?.rows[0]?.checked ?? null;
  return typeof value === "string" ? JSON.parse(value) : value;
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
