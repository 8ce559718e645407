import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

/**
 * The tenant a transaction about to begin is for, and whether its BEGIN has carried it. Set by
 * withTenant (server/db/tenant.ts) around Prisma's `$transaction`.
 */
export type TenantStart = { accountId: string; applied: boolean };

const starting = new AsyncLocalStorage<TenantStart>();

// A UUID only: the one value ever written into SQL text here (the simple protocol, which allows
// two statements in one message, takes no parameters). withTenant has already parsed it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs `work` (which starts one transaction) with `start` as the tenant its BEGIN carries. */
export function startingTenant<T>(start: TenantStart, work: () => Promise<T>): Promise<T> {
  if (!UUID.test(start.accountId)) throw new Error("a tenant id must be a UUID");
  return starting.run(start, work);
}

/**
 * The statement that begins a tenant's transaction: BEGIN and the tenant's `set_config` in one
 * message, one round trip instead of two.
 */
export function beginFor(accountId: string): string {
  if (!UUID.test(accountId)) throw new Error("a tenant id must be a UUID");
  return `BEGIN; SELECT set_config('app.account_id', '${accountId.toLowerCase()}', true)`;
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
  if (start && !start.applied && isBegin(config)) {
    start.applied = true;
    return Reflect.apply(baseQuery, this, [{ ...config, text: beginFor(start.accountId) }, ...rest]);
  }
  return Reflect.apply(baseQuery, this, [config, ...rest]);
} as typeof baseQuery;
