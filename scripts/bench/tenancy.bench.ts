// `npm run bench` (this file alone: `npx tsx scripts/bench/tenancy.bench.ts`): what tenant scoping
// and host resolution cost, measured in one run against a fresh embedded PostgreSQL.
// Not a test: it prints numbers for docs/PERFORMANCE.md and asserts nothing about time.
import { cpus, loadavg } from "node:os";
import pg from "pg";
import { z } from "zod";
import { hashPassword } from "@/server/auth/password";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { readAsTenant } from "@/server/db/tenant-read";
import { Prisma } from "@/server/db/types";
import { env } from "@/server/env";
import { HostResolver } from "@/server/tenancy/host-resolver";
import {
  cpuTimes,
  formatStats as fmt,
  measure,
  measureInterleaved,
  prepareBenchDatabase,
  type Stats,
  stolenPercent,
} from "./measure";

const COMMAND = "npm run bench   (this part alone: npx tsx scripts/bench/tenancy.bench.ts)";
const ACCOUNTS = 200;
const USERS_PER_ACCOUNT = 50;
const PAGE = 50;
const ITERATIONS = 2_000;
const REQUEST_QUERIES = 5;
const BRAND_HOST = "acme.localhost";

/** What Prisma sends for the list below, written by hand for the raw `pg` rows. */
const LIST_COLUMNS = "account_id, id, email, name, role, password_hash, created_at";
const listSql = (accountIdLiteral: string) =>
  `SELECT ${LIST_COLUMNS} FROM users WHERE account_id = ${accountIdLiteral}::uuid ORDER BY email ASC LIMIT ${PAGE}`;

const listUsers = (db: Pick<PrismaClient, "user">, accountId: string) =>
  db.user.findMany({ where: { accountId }, orderBy: { email: "asc" }, take: PAGE });

/** The same list through the read path of tenant procedures that only read (server/db/tenant-read.ts). */
const readUsers = (db: PrismaClient, accountId: string) =>
  readAsTenant(db, accountId, (read) =>
    read(
      Prisma.sql`SELECT account_id, id, email, name, role, password_hash, created_at FROM users
                  WHERE account_id = ${accountId}::uuid ORDER BY email ASC LIMIT ${PAGE}`,
    ),
  );

async function addVolume(owner: PrismaClient): Promise<string[]> {
  const reseller = await owner.account.findUniqueOrThrow({ where: { slug: "voicereseller" } });
  const passwordHash = await hashPassword("bench-password");
  const ids: string[] = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = await owner.account.create({
      data: {
        slug: `bench-${a}`,
        name: `Bench ${a}`,
        parentId: reseller.id,
        // No user limit: Starter's five users would refuse the seeding (plan limits, issue 8).
        planId: "enterprise",
        maxIn: 1,
        maxOut: 1,
        maxDialer: 0,
      },
    });
    ids.push(account.id);
    await owner.user.createMany({
      data: Array.from({ length: USERS_PER_ACCOUNT }, (_, u) => ({
        accountId: account.id,
        email: `user${u}@bench-${a}.test`,
        name: `User ${u}`,
        role: "member" as const,
        passwordHash,
      })),
    });
  }
  await owner.$executeRawUnsafe("ANALYZE");
  return ids;
}

/** The scoped list with plain `pg`, as Prisma does it: BEGIN, set_config, query, COMMIT (4 round trips). */
async function rawScoped(pool: pg.Pool, accountId: string): Promise<number> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    await client.query("BEGIN");
    await client.query("SELECT set_config('app.account_id', $1, true)", [accountId]);
    const result = await client.query(listSql("$1"), [accountId]);
    await client.query("COMMIT");
    return result.rowCount ?? 0;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    // A failed transaction's connection is discarded rather than returned to the pool mid-transaction.
    client.release(failure);
  }
}

/** The same transaction sent as one simple-protocol message: one round trip. */
async function rawScopedOneMessage(pool: pg.Pool, accountId: string): Promise<number> {
  const id = pg.escapeLiteral(z.uuid().parse(accountId));
  const results: pg.QueryResult | pg.QueryResult[] = await pool.query(
    `BEGIN; SELECT set_config('app.account_id', ${id}, true); ${listSql(id)}; COMMIT`,
  );
  if (!Array.isArray(results) || results.length !== 4) throw new Error("expected four results from the batch");
  return results[2]?.rowCount ?? 0;
}

function check(label: string, actual: number, expected: number): void {
  if (actual !== expected)
    throw new Error(`set-up check failed: ${label} returned ${actual} rows, expected ${expected}`);
}

const started = process.hrtime.bigint();
const loadBefore = loadavg();
const cpuBefore = cpuTimes();
const database = await prepareBenchDatabase();
const owner = createPrismaClient(database.ownerUrl, { max: 4 });
const app = createPrismaClient(database.appUrl, { max: 4 });
const ownerPool = new pg.Pool({ connectionString: database.ownerUrl, max: 2 });
const appPool = new pg.Pool({ connectionString: database.appUrl, max: 2 });
const hostPool = new pg.Pool({ connectionString: database.appUrl, max: 2 });
const resolver = new HostResolver(hostPool, env.PLATFORM_HOSTS, { ttlMs: 60_000 });

try {
  console.log(`seeding ${ACCOUNTS} accounts x ${USERS_PER_ACCOUNT} users…`);
  const seedStart = process.hrtime.bigint();
  const accountIds = await addVolume(owner);
  const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
  const pick = (i: number) => accountIds[i % accountIds.length] as string;

  // What is timed must do what it claims: a full page, and row-level security really in the path
  // (the request role, scoped, sees exactly its tenant's users even without the WHERE).
  const first = pick(0);
  check("scoped list", (await withTenant(app, first, (tx) => listUsers(tx, first))).length, PAGE);
  check("unscoped list", (await listUsers(owner, first)).length, PAGE);
  check("read path list", (await readUsers(app, first)).length, PAGE);
  check("scoped count without WHERE", await withTenant(app, first, (tx) => tx.user.count()), USERS_PER_ACCOUNT);
  check("raw scoped list", await rawScoped(appPool, first), PAGE);
  check("raw one-message list", await rawScopedOneMessage(appPool, first), PAGE);
  check("raw unscoped list", (await ownerPool.query(listSql("$1"), [first])).rowCount ?? 0, PAGE);
  const brand = await resolver.resolve(BRAND_HOST);
  if (brand.kind !== "brand") throw new Error(`set-up check failed: ${BRAND_HOST} resolved to ${brand.kind}`);

  console.log(`timing ${ITERATIONS} iterations per row (interleaved), after 200 warm-up…`);
  const one = await measureInterleaved(ITERATIONS, {
    scoped: (i) => withTenant(app, pick(i), (tx) => listUsers(tx, pick(i))),
    unscoped: (i) => listUsers(owner, pick(i)),
    readPath: (i) => readUsers(app, pick(i)),
    // The scoped code path run by the owner (superuser: no policies apply): the transaction
    // without row-level security, to separate what each costs.
    transactionOnly: (i) => withTenant(owner, pick(i), (tx) => listUsers(tx, pick(i))),
    // Two of the scoped path's parts on their own: Prisma's BEGIN + COMMIT, and its set_config statement.
    emptyTransaction: () => app.$transaction(async () => null),
    setConfigAlone: (i) => app.$executeRaw`SELECT set_config('app.account_id', ${pick(i)}, true)`,
    rawUnscoped: (i) => ownerPool.query(listSql("$1"), [pick(i)]),
    rawScoped: (i) => rawScoped(appPool, pick(i)),
    rawOneMessage: (i) => rawScopedOneMessage(appPool, pick(i)),
  });
  const request = await measureInterleaved(ITERATIONS / 2, {
    scoped: (i) =>
      withTenant(app, pick(i), async (tx) => {
        for (let q = 0; q < REQUEST_QUERIES; q++) await listUsers(tx, pick(i));
      }),
    unscoped: async (i) => {
      for (let q = 0; q < REQUEST_QUERIES; q++) await listUsers(owner, pick(i));
    },
  });

  const hit = await measure(ITERATIONS * 5, () => resolver.resolve(BRAND_HOST));
  const miss = await measure(ITERATIONS, () => {
    resolver.invalidate();
    return resolver.resolve(BRAND_HOST);
  });

  const ratio = (a: Stats, b: Stats) => (a.median / b.median).toFixed(2);
  const extra = (a: Stats, b: Stats) => {
    const difference = Math.round(a.median - b.median);
    return `${difference < 0 ? "-" : "+"}${Math.abs(difference).toLocaleString("en-US")} µs`;
  };
  const stolen = stolenPercent(cpuBefore, cpuTimes());
  const steal = stolen === undefined ? "unknown" : `${stolen.toFixed(1)}%`;
  const row = (label: string, stats: Stats) => console.log(`${label.padEnd(58)}${fmt(stats)}`);

  console.log(`\ncommand: ${COMMAND}`);
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, node ${process.version}`);
  console.log(
    `load average (1 min) before/after: ${loadBefore[0]?.toFixed(2)} / ${loadavg()[0]?.toFixed(2)}; CPU stolen by the hypervisor during the run: ${steal}`,
  );
  console.log(
    `data: ${ACCOUNTS} extra accounts x ${USERS_PER_ACCOUNT} users (seeded in ${seedSeconds.toFixed(1)} s) + demo data`,
  );
  console.log(`iterations: ${ITERATIONS} per single-query row, ${ITERATIONS / 2} per request row\n`);
  console.log(`${"µs per operation".padEnd(58)}   median       p95      mean`);
  row("list 50 users, scoped: withTenant (tx + set_config + RLS)", one.scoped);
  row("list 50 users, unscoped: owner, no transaction", one.unscoped);
  row("list 50 users, scoped: readAsTenant (the read path)", one.readPath);
  row("list 50 users, withTenant as owner (tx, no RLS)", one.transactionOnly);
  row("Prisma: empty $transaction (BEGIN + COMMIT), app role", one.emptyTransaction);
  row("Prisma: $executeRaw set_config alone, app role", one.setConfigAlone);
  row("raw pg, unscoped: one query", one.rawUnscoped);
  row("raw pg, scoped: BEGIN/set_config/query/COMMIT, 4 trips", one.rawScoped);
  row("raw pg, scoped: the same 4 statements in 1 message", one.rawOneMessage);
  row(`request of ${REQUEST_QUERIES} lists, scoped: one withTenant`, request.scoped);
  row(`request of ${REQUEST_QUERIES} lists, unscoped`, request.unscoped);
  row("host resolution, cache hit", hit);
  row("host resolution, cache miss (invalidate() first)", miss);

  console.log("\nmedians:");
  console.log(
    `  scoped/unscoped, one query:        ${ratio(one.scoped, one.unscoped)}  (${extra(one.scoped, one.unscoped)})`,
  );
  console.log(
    `  read path/unscoped, one query:     ${ratio(one.readPath, one.unscoped)}  (${extra(one.readPath, one.unscoped)})`,
  );
  console.log(
    `  scoped/unscoped, ${REQUEST_QUERIES}-query request:   ${ratio(request.scoped, request.unscoped)}  (${extra(request.scoped, request.unscoped)})`,
  );
  console.log(`  RLS alone (scoped vs tx as owner): ${extra(one.scoped, one.transactionOnly)}`);
  console.log(`  raw pg, 4 trips vs one query:      ${extra(one.rawScoped, one.rawUnscoped)}`);
  console.log(`  raw pg, 1 message vs one query:    ${extra(one.rawOneMessage, one.rawUnscoped)}`);
  console.log(`  host miss/hit:                     ${ratio(miss, hit)}`);
  console.log(`\ntotal ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
} finally {
  const closed = await Promise.allSettled([
    resolver.close().then(() => hostPool.end()),
    appPool.end(),
    ownerPool.end(),
    app.$disconnect(),
    owner.$disconnect(),
  ]);
  await database.stop();
  for (const result of closed) {
    if (result.status === "rejected") {
      console.error("closing a connection failed:", result.reason);
      process.exitCode = 1;
    }
  }
}
