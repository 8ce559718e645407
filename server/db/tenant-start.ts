import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

/**
 * The tenant a transaction about to begin is for, and whether its BEGIN has carried it. Set by
 * withTenant (server/db/tenant.ts) around Prisma's `$transaction`. `check`: one more statement
 * (whose values are written with sqlUuid, server/auth/session-check.ts) sent in the same message,
 * answering one jsonb column named `checked`; its first row's value lands in `checked` (null when
 * it has no row).
 */
export type TenantStart = { accountId: string; applied: boolean; check?: string; checked?: unknown };

const starting = new AsyncLocalStorage<TenantStart>();

// UUIDs only are ever written into SQL text here (the tenant's, and the ids a check names): the
// simple protocol, which allows several statements in one message, takes no parameters.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `work` (which starts one transaction) with `start` as the tenant its BEGIN carries. */
export function startingTenant<T>(start: TenantStart, work: () => Promise<T>): Promise<T> {
  if (!UUID.test(start.accountId)) throw new Error("only a UUID is written into a BEGIN message");
  return starting.run(start, work);
}

/** `value` as a SQL uuid literal, refusing anything that is not a UUID. */
export function sqlUuid(value: string | null): string {
  if (value === null) return "NULL::uuid";
  if (!UUID.test(value)) throw new Error("only a UUID is written into a BEGIN message");
  return `'${value.toLowerCase()}'::uuid`;
}

/**
 * The statement that begins a tenant's transaction: BEGIN and the tenant's `set_config` (and the
 * check, when there is one) in one message, one round trip instead of two or three.
 */
export function beginFor(accountId: string, check?: string): string {
  const begin = `BEGIN; ${tenantSetting(accountId)}`;
  return check ? `${begin}; ${check}` : begin;
}

/** The statement that makes `accountId` the tenant of the transaction it runs in. */
export function tenantSetting(accountId: string): string {
  return `SELECT set_config('app.account_id', ${sqlUuid(accountId)}::text, true)`;
}

/**
 * `statement` as text with its values written in as literals, for a message of several statements
 * (the simple protocol takes no parameters). Only UUIDs are written: a statement with any other
 * value is refused, so nothing a user typed ever becomes SQL text.
 */
export function withUuidLiterals(statement: { text: string; values: unknown[] }): string {
  const literals = statement.values.map((value) => {
    if (typeof value !== "string") throw new Error("only UUIDs are written into a statement's text");
    return sqlUuid(value);
  });
  return statement.text.replace(/\$(\d+)(?!\d)/g, (_placeholder, position: string) => {
    const literal = literals[Number(position) - 1];
    if (literal === undefined) throw new Error(`the statement has no value for $${position}`);
    return literal;
  });
}

type Results = { rows: unknown[][] } | { rows: unknown[][] }[];

/**
 * The first column of the first row of the message's last statement: the check's answer. The
 * driver adapter's type parsers leave jsonb as its text.
 */
export function lastAnswer(results: Results): unknown {
  const last = Array.isArray(results) ? results[results.length - 1] : results;
  return checkAnswer(last?.rows[0]?.[0]);
}

/** A check's jsonb answer as a value, whether the driver parsed it or left it as text (null: no row). */
export function checkAnswer(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return typeof value === "string" ? JSON.parse(value) : value;
}

type QueryConfigLike = { text: string };

function isBegin(config: unknown): config is QueryConfigLike {
  return typeof config === "object" && config !== null && (config as QueryConfigLike).text === "BEGIN";
}

const baseQuery = pg.Client.prototype.query;

/**
 * A `pg` client that, inside startingTenant, sends the first BEGIN Prisma's driver adapter asks
 * for (@prisma/adapter-pg starts every interactive transaction with a plain `BEGIN`) together with
 * the tenant's `set_config`. Every other statement goes through untouched. withTenant checks
 * `applied` and sends `set_config` itself when this did not run, so the tenant is always set.
 */
export class TenantStartClient extends pg.Client {}

TenantStartClient.prototype.query = function query(this: pg.Client, config: unknown, ...rest: unknown[]) {
  const start = starting.getStore();
  if (start && !start.applied && isBegin(config) && rest.length === 0) {
    start.applied = true;
    const sent: Promise<Results> = Reflect.apply(baseQuery, this, [
      { ...config, text: beginFor(start.accountId, start.check) },
    ]);
    if (!start.check) return sent;
    return sent.then((results) => {
      start.checked = lastAnswer(results);
      return results;
    });
  }
  return Reflect.apply(baseQuery, this, [config, ...rest]);
} as typeof baseQuery;
