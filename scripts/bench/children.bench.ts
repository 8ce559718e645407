// The reseller's child list with 100,000 children: `npx tsx scripts/bench/children.bench.ts` (part of `npm run bench`).
// Not a test: it prints numbers for docs/PERFORMANCE.md and asserts nothing about time.
//   --plans         print each explained statement's SQL and whole plan as well
//   --explain-only  explain the statements and time nothing
//   --quick         100 iterations instead of 500, while changing something (document 500)
//   --children N    children below the reseller (default 100,000, the goal of issue 10)

import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { listChildAccounts } from "@/server/accounts/children";
import { createPrismaClient, type SentQuery } from "@/server/db/client";
import { prismaReader } from "@/server/db/sql-reader";
import { withTenant } from "@/server/db/tenant";
import { readAsTenant } from "@/server/db/tenant-read";
import { Prisma } from "@/server/db/types";
import { explainAsTenant } from "./explain";
import { formatStats, measure, prepareBenchDatabase } from "./measure";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    plans: { type: "boolean", default: false },
    "explain-only": { type: "boolean", default: false },
    children: { type: "string", default: "100000" },
  },
});
const CHILDREN = Number(flags.children);
if (!Number.isInteger(CHILDREN) || CHILDREN < 1_000 || CHILDREN > 999_999) {
  throw new Error("--children takes a whole number from 1000 to 999999");
}
const ITERATIONS = flags.quick ? 100 : 500;
// Searches scan far more than a page does; fewer of them keep the run within minutes.
const SEARCH_ITERATIONS = Math.min(ITERATIONS, 100);
const PRINT_PLANS = flags.plans;
const EXPLAIN_ONLY = flags["explain-only"];
/** The slug of the n-th child: `child-000042`. */
const slugOf = (n: number) => `child-${String(n).padStart(6, "0")}`;
const WORDS = ["Bistro", "Clinic", "Dental", "Garage", "Studio", "Bakery", "Florist", "Law", "Hotel", "Gym"];

type ListInput = { search?: string; cursor?: string; limit?: number };

const database = await prepareBenchDatabase();
const owner = createPrismaClient(database.ownerUrl, { max: 2 });
const app = createPrismaClient(database.appUrl, { max: 2 });

/**
 * Where a page's time goes: every statement the code path sends, captured from Prisma's query
 * events and explained as the request role with the tenant set (the policies in every plan).
 */
async function explainPage(resellerId: string, label: string, input: ListInput): Promise<void> {
  const sent: SentQuery[] = [];
  const traced = createPrismaClient(database.appUrl, { max: 1, onQuery: (query) => sent.push(query) });
  try {
    // Through Prisma here, for its query events: the same statements the read path sends.
    await withTenant(traced, resellerId, (tx) =>
      listChildAccounts(prismaReader(tx), { accountId: resellerId, limit: 25, ...input }),
    );
  } finally {
    await traced.$disconnect();
  }
  const explained = await explainAsTenant(database.appUrl, resellerId, sent);
  console.log(`\n${label}: ${sent.length} statements sent, ${explained.length} of them queries, explained as the`);
  if (PRINT_PLANS) console.log(sent.map((statement) => `  sent: ${statement.query.trim().slice(0, 60)}`).join("\n"));
  console.log("request role with the tenant set (ms on the server; rows estimated / actual at the scan):\n");
  for (const [i, statement] of explained.entries()) {
    console.log(
      `${String(i + 1).padStart(2)}. ${statement.plan.padEnd(60)} ` +
        `rows ${String(statement.estimatedRows).padStart(5)} / ${String(statement.actualRows).padStart(5)}  ` +
        `plan ${statement.planningMs.toFixed(3)}  exec ${statement.executionMs.toFixed(3)}`,
    );
    if (PRINT_PLANS) console.log(`${statement.sql}\n${statement.text.join("\n")}\n`);
  }
  const serverMs = explained.reduce((sum, statement) => sum + statement.planningMs + statement.executionMs, 0);
  console.log(`server time of the queries, planning included: ${serverMs.toFixed(3)} ms`);
}

try {
  const reseller = await owner.account.findUniqueOrThrow({ where: { slug: "voicereseller" } });
  console.log(`creating ${CHILDREN} children below ${reseller.name}…`);
  // One INSERT … SELECT: the ancestors trigger fills each row's path.
  await owner.$executeRaw`
    INSERT INTO accounts (slug, name, parent_id, plan_id, max_in, max_out, max_dialer)
    SELECT 'child-' || lpad(n::text, 6, '0'),
           (${WORDS}::text[])[1 + n % ${WORDS.length}] || ' ' || n,
           ${reseller.id}::uuid, 'starter', 1, 1, 0
    FROM generate_series(1, ${CHILDREN}) AS n`;
  await owner.$executeRawUnsafe("ANALYZE accounts");

  await explainPage(reseller.id, "first page", {});
  await explainPage(reseller.id, 'search "dental"', { search: "dental" });

  if (!EXPLAIN_ONLY) {
    // Other work on the machine moves these numbers a lot: say how busy it was.
    const loadBefore = loadavg()[0] ?? 0;
    // The path accounts.listChildren takes: a tenant read (server/db/tenant-read.ts).
    const list = (input: ListInput) =>
      readAsTenant(app, reseller.id, (read) =>
        listChildAccounts(read, { accountId: reseller.id, limit: 25, ...input }),
      );
    const bareTransaction = await measure(ITERATIONS, () =>
      readAsTenant(app, reseller.id, (read) => read(Prisma.sql`SELECT 1`)),
    );
    const firstPage = await measure(ITERATIONS, () => list({}));
    const nearEnd = slugOf(CHILDREN - 100);
    const lateStart = slugOf(Math.floor(CHILDREN * 0.9));
    const deepPage = await measure(ITERATIONS, () => list({ cursor: nearEnd }));
    const selective = await measure(SEARCH_ITERATIONS, (i) =>
      list({ search: `${Math.floor(CHILDREN * 0.4) + (i % 500)}` }),
    );
    const broad = await measure(SEARCH_ITERATIONS, () => list({ search: "dental" }));
    const broadDeep = await measure(SEARCH_ITERATIONS, () => list({ search: "dental", cursor: lateStart }));
    const nothing = await measure(SEARCH_ITERATIONS, () => list({ search: "no-such-account" }));

    console.log(
      `\n${CHILDREN + 2} children below one reseller; pages of 25; ${ITERATIONS} iterations (searches ${SEARCH_ITERATIONS})`,
    );
    console.log(`load average (1 min) before/after: ${loadBefore.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)}\n`);
    console.log("µs per page (scoped transaction included)       median       p95      mean");
    console.log(`readAsTenant + SELECT 1 (the fixed part)     ${formatStats(bareTransaction)}`);
    console.log(`first page of children                       ${formatStats(firstPage)}`);
    console.log(`page after ${nearEnd} (keyset, near end)   ${formatStats(deepPage)}`);
    console.log(`search for a number (matches a few accounts) ${formatStats(selective)}`);
    console.log(`search "dental" (matches a tenth)            ${formatStats(broad)}`);
    console.log(`search "dental" after ${lateStart}          ${formatStats(broadDeep)}`);
    console.log(`search that matches nothing                  ${formatStats(nothing)}`);
  }
} finally {
  await app.$disconnect();
  await owner.$disconnect();
  await database.stop();
}
