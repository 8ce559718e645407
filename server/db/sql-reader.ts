import { createHash } from "node:crypto";
import type { PrismaClient } from "./client";
import { poolOf } from "./client";
import { withUuidLiterals } from "./tenant-start";
import type { Prisma } from "./types";

/**
 * Runs one statement and answers its rows. Code that only reads takes one of these rather than a
 * client, so the same statements run through Prisma (a transaction, a test) or straight on the
 * pool (the request path, where Prisma's client cost more CPU per statement than the database).
 */
export type SqlReader = <Row>(statement: Prisma.Sql) => Promise<Row[]>;

/** Statements through a Prisma client or transaction. */
export function prismaReader(db: Pick<PrismaClient, "$queryRaw">): SqlReader {
  return <Row>(statement: Prisma.Sql) => db.$queryRaw<Row[]>(statement);
}

/** What `pg` sends statements through: a pool, or one connection taken from it. */
type Queryable = {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
};

/** Statements through `pg`, each prepared once per connection (or planned each time, if marked). */
export function pgReader(on: Queryable): SqlReader {
  return async <Row>(statement: Prisma.Sql) => {
    const result = await on.query(preparedStatement(statement));
    return result.rows as Row[];
  };
}

/**
 * Statements straight on the pool of a client made by createPrismaClient, each on its own (no
 * transaction). For what runs before a tenant is known: the `SECURITY DEFINER` lookups of
 * sessions and keys.
 */
export function poolReader(db: PrismaClient): SqlReader {
  return pgReader(poolOf(db));
}

// Statements whose best plan depends on their values (planEachTime): sent unnamed, so PostgreSQL
// plans each run with the values it is given, as it does for Prisma's statements. One set per
// process: Next may bundle the code that marks a statement apart from the code that sends it.
const globalForStatements = globalThis as unknown as { portalPlannedEachTime?: WeakSet<Prisma.Sql> };
globalForStatements.portalPlannedEachTime ??= new WeakSet();
const plannedEachTime = globalForStatements.portalPlannedEachTime;

/**
 * Marks `statement` to be planned on every run with its values, never from a plan kept for the
 * connection: for statements whose right plan depends on the values (a reseller owning most of the
 * accounts reads its children by another plan than a small one), where a prepared statement could
 * settle on one generic plan after five runs.
 */
export function planEachTime(statement: Prisma.Sql): Prisma.Sql {
  plannedEachTime.add(statement);
  return statement;
}

// Each statement's text has one name, under which each connection prepares it once and keeps its
// plan. The name is a hash of the text, so every copy of this module in the process (Next bundles
// one per layer, all sharing the pool's connections) gives a text the same name and no name two
// texts. The texts are the code's templates (and their few variants), so the map stays small.
const preparedNames = new Map<string, string>();

/**
 * `statement` as pg's query: named (prepared once per connection, under the name its text always
 * has in this process) unless it is to be planned each time.
 */
export function preparedStatement(statement: Prisma.Sql): { name?: string; text: string; values: unknown[] } {
  if (plannedEachTime.has(statement)) return { text: statement.text, values: statement.values };
  return { name: nameOf(statement.text, "portal_"), text: statement.text, values: statement.values };
}

/** The name a statement's text always has in this process, after `prefix`. */
function nameOf(text: string, prefix: string): string {
  const key = `${prefix}${text}`;
  let name = preparedNames.get(key);
  if (!name) {
    name = `${prefix}${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    preparedNames.set(key, name);
  }
  return name;
}

/**
 * `statement` as SQL's EXECUTE of the statement prepared with SQL's PREPARE under `name`, its values
 * written in as literals: only UUIDs (withUuidLiterals). For a message of several statements, which
 * the simple protocol sends without parameters. Its names are apart from those of the protocol's
 * prepared statements, which `pg` keeps its own account of.
 */
export function executeWithUuids(statement: Prisma.Sql): { name: string; text: string } {
  const name = nameOf(statement.text, "portal_sql_");
  const values = statement.values.map((_value, index) => `$${index + 1}`).join(", ");
  const text = withUuidLiterals({ text: `EXECUTE ${name}${values ? `(${values})` : ""}`, values: statement.values });
  return { name, text };
}
