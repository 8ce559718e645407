// A reseller's report over its children: `npx tsx scripts/bench/report.bench.ts` (part of `npm run bench`).
// Not a test: it prints numbers for docs/PERFORMANCE.md and asserts nothing about time.
//   --children N   children below the reseller (default 1,000)   --days N   days of usage each (default 365)
//   --quick        20 iterations instead of 100
//
// It makes a reseller with N children and one daily usage row per child per day, with the monthly
// sums beside them, as the recording function writes them (rows the reseller owns), then times the
// report the Reports page reads (billing.childrenReport's statements, in the request role's
// transaction with row-level security) over the whole period, over one month and over one week.
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { childrenReport } from "@/server/reports/children-report";
import { formatStats, measure, prepareBenchDatabase } from "./measure";

const { values: flags } = parseArgs({
  options: {
    children: { type: "string", default: "1000" },
    days: { type: "string", default: "365" },
    quick: { type: "boolean", default: false },
  },
});
const CHILDREN = Number(flags.children);
const DAYS = Number(flags.days);
const ITERATIONS = flags.quick ? 20 : 100;
if (!Number.isInteger(CHILDREN) || CHILDREN < 1 || !Number.isInteger(DAYS) || DAYS < 7 || DAYS > 366) {
  throw new Error("--children takes a whole number above 0, --days one from 7 to 366");
}

const database = await prepareBenchDatabase();
const owner = createPrismaClient(database.ownerUrl, { max: 2 });
const app = createPrismaClient(database.appUrl, { max: 2 });
try {
  const parent = await owner.account.findUniqueOrThrow({ where: { slug: "voicereseller" } });
  const reseller = await owner.account.create({
    data: {
      slug: `report-bench-${Date.now()}`,
      name: "Report bench reseller",
      parentId: parent.id,
      isReseller: true,
      planId: "enterprise",
      maxIn: 10,
      maxOut: 10,
      maxDialer: 10,
    },
  });
  const started = performance.now();
  await owner.$executeRaw`
    INSERT INTO accounts (slug, name, parent_id, plan_id, max_in, max_out, max_dialer)
    SELECT format('report-child-%s', lpad(n::text, 6, '0')), format('Child %s', n), ${reseller.id}::uuid, 'starter', 1, 1, 0
      FROM generate_series(1, ${CHILDREN}) AS n`;
  const last = "2026-11-30";
  await owner.$executeRaw`
    INSERT INTO usage_daily (account_id, day, subject_account_id, direction, calls, seconds, billed_seconds, cost_minor, revenue_minor)
    SELECT ${reseller.id}::uuid, ${last}::date - d, a.id, 'out', 10 + (d % 7), 600 + d, 660 + d, 50 + (d % 11), 65 + (d % 13)
      FROM accounts a CROSS JOIN generate_series(0, ${DAYS - 1}) AS d
     WHERE a.parent_id = ${reseller.id}::uuid`;
  // The monthly roll-ups, as app_record_calls() keeps them beside the daily ones.
  await owner.$executeRaw`
    INSERT INTO usage_monthly (account_id, month, subject_account_id, direction, calls, seconds, billed_seconds, cost_minor, revenue_minor)
    SELECT account_id, date_trunc('month', day)::date, subject_account_id, direction, sum(calls), sum(seconds),
           sum(billed_seconds), sum(cost_minor), sum(revenue_minor)
      FROM usage_daily WHERE account_id = ${reseller.id}::uuid
     GROUP BY 1, 2, 3, 4`;
  await owner.$executeRaw`ANALYZE usage_daily`;
  await owner.$executeRaw`ANALYZE usage_monthly`;
  const [{ rows }] = (await owner.$queryRaw<{ rows: bigint }[]>`
    SELECT count(*) AS rows FROM usage_daily WHERE account_id = ${reseller.id}::uuid`) as [{ rows: bigint }];
  console.log(
    `[bench:report] ${CHILDREN} children, ${Number(rows)} daily rows made in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const day = (offset: number) =>
    new Date(Date.parse(`${last}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
  const periods = {
    "a year of whole months": { fromDay: "2025-12-01", toDay: last },
    [`the last ${DAYS} days`]: { fromDay: day(DAYS - 1), toDay: last },
    "one month (30 days)": { fromDay: day(29), toDay: last },
    "two months, by day (61 days)": { fromDay: day(60), toDay: last },
    "one week": { fromDay: day(6), toDay: last },
  };
  console.log(`\n${ITERATIONS} iterations each, µs:`);
  console.log(`${"period".padEnd(28)} ${"median".padStart(9)} ${"p95".padStart(9)} ${"mean".padStart(9)}`);
  for (const [name, period] of Object.entries(periods)) {
    const report = await withTenant(app, reseller.id, (tx) => childrenReport(tx, reseller.id, period));
    if (report.children.length !== CHILDREN) throw new Error(`the report has ${report.children.length} children`);
    const stats = await measure(
      ITERATIONS,
      () => withTenant(app, reseller.id, (tx) => childrenReport(tx, reseller.id, period)),
      Math.min(10, ITERATIONS),
    );
    console.log(`${name.padEnd(28)} ${formatStats(stats)}`);
  }
} finally {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
  await database.stop();
}
