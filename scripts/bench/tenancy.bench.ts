// `npm run bench`: what tenant scoping and host resolution cost, measured in one run.
// Not a test: it prints numbers for docs/PERFORMANCE.md and asserts nothing about time.
import { cpus } from "node:os";
import pg from "pg";
import { hashPassword } from "@/server/auth/password";
import { createPrismaClient, type PrismaClient } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { env } from "@/server/env";
import { HostResolver } from "@/server/tenancy/host-resolver";
import { formatStats as fmt, measure, prepareBenchDatabase } from "./measure";

const ACCOUNTS = 200;
const USERS_PER_ACCOUNT = 50;
const ITERATIONS = 2_000;

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
        planId: "starter",
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

const database = await prepareBenchDatabase();
const owner = createPrismaClient(database.ownerUrl, { max: 4 });
const app = createPrismaClient(database.appUrl, { max: 4 });
const pool = new pg.Pool({ connectionString: database.appUrl, max: 2 });
const resolver = new HostResolver(pool, env.PLATFORM_HOSTS, { ttlMs: 60_000 });

try {
  console.log(`seeding ${ACCOUNTS} accounts x ${USERS_PER_ACCOUNT} users…`);
  const accountIds = await addVolume(owner);
  const pick = (i: number) => accountIds[i % accountIds.length] as string;
  const listUsers = (db: Pick<PrismaClient, "user">, accountId: string) =>
    db.user.findMany({ where: { accountId }, orderBy: { email: "asc" }, take: 50 });

  const scoped = await measure(ITERATIONS, (i) => withTenant(app, pick(i), (tx) => listUsers(tx, pick(i))));
  const unscoped = await measure(ITERATIONS, (i) => listUsers(owner, pick(i)));
  // The same transaction as the scoped one, run by the owner (superuser: no policies apply), to
  // separate what the transaction costs from what row-level security costs.
  const transactionOnly = await measure(ITERATIONS, (i) => withTenant(owner, pick(i), (tx) => listUsers(tx, pick(i))));
  const scopedRequest = await measure(ITERATIONS / 2, (i) =>
    withTenant(app, pick(i), async (tx) => {
      for (let q = 0; q < 5; q++) await listUsers(tx, pick(i));
    }),
  );
  const unscopedRequest = await measure(ITERATIONS / 2, async (i) => {
    for (let q = 0; q < 5; q++) await listUsers(owner, pick(i));
  });

  await resolver.resolve("acme.localhost");
  const hit = await measure(ITERATIONS * 5, () => resolver.resolve("acme.localhost"));
  const miss = await measure(ITERATIONS, () => {
    resolver.invalidate();
    return resolver.resolve("acme.localhost");
  });

  console.log(`\nmachine: ${cpus().length} cores, ${cpus()[0]?.model ?? "?"}, node ${process.version}`);
  console.log(`data: ${ACCOUNTS + 4} accounts, ${ACCOUNTS * USERS_PER_ACCOUNT + 4} users; ${ITERATIONS} iterations\n`);
  console.log("µs per operation                                  median      p95     mean");
  console.log(`list 50 users, scoped (transaction + set_config)  ${fmt(scoped)}`);
  console.log(`list 50 users, unscoped (owner, no transaction)   ${fmt(unscoped)}`);
  console.log(`list 50 users, same transaction, no RLS (owner)   ${fmt(transactionOnly)}`);
  console.log(`request of 5 lists, scoped (one transaction)      ${fmt(scopedRequest)}`);
  console.log(`request of 5 lists, unscoped                      ${fmt(unscopedRequest)}`);
  console.log(`host resolution, cache hit                        ${fmt(hit)}`);
  console.log(`host resolution, cache miss (database)            ${fmt(miss)}`);
  console.log(`\nratio scoped/unscoped, one query (median):   ${(scoped.median / unscoped.median).toFixed(2)}`);
  console.log(
    `ratio scoped/unscoped, 5-query request:       ${(scopedRequest.median / unscopedRequest.median).toFixed(2)}`,
  );
} finally {
  await resolver.close();
  await pool.end();
  await app.$disconnect();
  await owner.$disconnect();
  await database.stop();
}
