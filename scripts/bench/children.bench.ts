// The reseller's child list with 10,000 children: `npx tsx scripts/bench/children.bench.ts` (part of `npm run bench`).
// Not a test: it prints numbers for docs/PERFORMANCE.md and asserts nothing about time.
import { listChildAccounts } from "@/server/accounts/children";
import { createPrismaClient } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { formatStats, measure, prepareBenchDatabase } from "./measure";

const CHILDREN = 10_000;
const ITERATIONS = 500;
const WORDS = ["Bistro", "Clinic", "Dental", "Garage", "Studio", "Bakery", "Florist", "Law", "Hotel", "Gym"];

const database = await prepareBenchDatabase();
const owner = createPrismaClient(database.ownerUrl, { max: 2 });
const app = createPrismaClient(database.appUrl, { max: 2 });

try {
  const reseller = await owner.account.findUniqueOrThrow({ where: { slug: "voicereseller" } });
  console.log(`creating ${CHILDREN} children below ${reseller.name}…`);
  // One INSERT … SELECT: the ancestors trigger fills each row's path.
  await owner.$executeRaw`
    INSERT INTO accounts (slug, name, parent_id, plan_id, max_in, max_out, max_dialer)
    SELECT 'child-' || lpad(n::text, 5, '0'),
           (${WORDS}::text[])[1 + n % ${WORDS.length}] || ' ' || n,
           ${reseller.id}::uuid, 'starter', 1, 1, 0
    FROM generate_series(1, ${CHILDREN}) AS n`;
  await owner.$executeRawUnsafe("ANALYZE accounts");

  const list = (input: { search?: string; cursor?: string; limit?: number }) =>
    withTenant(app, reseller.id, (tx) => listChildAccounts(tx, { accountId: reseller.id, limit: 25, ...input }));

  const firstPage = await measure(ITERATIONS, () => list({}));
  const deepPage = await measure(ITERATIONS, () => list({ cursor: "child-09900" }));
  const selective = await measure(ITERATIONS, (i) => list({ search: `${4000 + (i % 500)}` }));
  const broad = await measure(ITERATIONS, () => list({ search: "dental" }));
  const broadDeep = await measure(ITERATIONS, () => list({ search: "dental", cursor: "child-09000" }));
  const nothing = await measure(ITERATIONS, () => list({ search: "no-such-account" }));

  console.log(`\n${CHILDREN + 2} children below one reseller; pages of 25; ${ITERATIONS} iterations\n`);
  console.log("µs per page (scoped transaction included)       median       p95      mean");
  console.log(`first page of children                       ${formatStats(firstPage)}`);
  console.log(`page after child-09900 (keyset, near end)    ${formatStats(deepPage)}`);
  console.log(`search "4xxx" (matches about 11 accounts)    ${formatStats(selective)}`);
  console.log(`search "dental" (matches 1,000)              ${formatStats(broad)}`);
  console.log(`search "dental" after child-09000            ${formatStats(broadDeep)}`);
  console.log(`search that matches nothing                  ${formatStats(nothing)}`);
} finally {
  await app.$disconnect();
  await owner.$disconnect();
  await database.stop();
}
