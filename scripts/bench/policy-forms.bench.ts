// Server time of three queries on 10,000 children under each form of the registry's read policy:
// `npx tsx scripts/bench/policy-forms.bench.ts`. Not a test: it prints numbers for
// docs/PERFORMANCE.md and asserts nothing about time.
//
// The policy is swapped on the throw-away benchmark database only (ALTER POLICY as the owner);
// each query runs as the request role with the tenant set, under EXPLAIN ANALYZE, 40 times; the
// minimum and median of planning + execution time are printed (the minimum is the least disturbed
// by other work on the machine).
import pg from "pg";
import { createPrismaClient } from "@/server/db/client";
import { prepareBenchDatabase } from "./measure";

const RUNS = 40;
const CHILDREN = 10_000;

// The form before migration 20261129010000 (a subquery: an InitPlan the planner cannot see into),
// the same predicate through the function in both orders, the last being what the migration made.
const FORMS: Record<string, string> = {
  "subquery (before)": "id = (SELECT app_current_tenant()) OR ancestors @> ARRAY[(SELECT app_current_tenant())]",
  "function, own row first": "id = app_current_tenant() OR ancestors @> ARRAY[app_current_tenant()]",
  "function, descendants first (now)": "ancestors @> ARRAY[app_current_tenant()] OR id = app_current_tenant()",
};

const database = await prepareBenchDatabase();
const owner = new pg.Client({ connectionString: database.ownerUrl });
const app = new pg.Client({ connectionString: database.appUrl });
await owner.connect();
await app.connect();
const ownerPrisma = createPrismaClient(database.ownerUrl, { max: 1 });

try {
  const { id: tenant } = await ownerPrisma.account.findUniqueOrThrow({ where: { slug: "voicereseller" } });
  await owner.query(
    `INSERT INTO accounts (slug, name, parent_id, plan_id, max_in, max_out, max_dialer)
     SELECT 'child-' || lpad(n::text, 5, '0'), 'Dental ' || n, $1::uuid, 'starter', 1, 1, 0
       FROM generate_series(1, $2::integer) AS n`,
    [tenant, CHILDREN],
  );
  await owner.query("ANALYZE accounts");

  const queries: Record<string, { sql: string; params: unknown[] }> = {
    "first page of children": {
      sql: "SELECT id FROM accounts WHERE parent_id = $1 AND ancestors @> ARRAY[$1::uuid] ORDER BY slug LIMIT 26",
      params: [tenant],
    },
    "search matching nothing": {
      sql: `SELECT id FROM accounts WHERE ancestors @> ARRAY[$1::uuid]
              AND (name ILIKE '%no-such%' OR slug LIKE '%no-such%') ORDER BY slug LIMIT 26`,
      params: [tenant],
    },
    "count of the whole subtree": { sql: "SELECT count(*) FROM accounts", params: [] },
  };

  console.log(`\n${CHILDREN} children; ms of planning + execution on the server, ${RUNS} runs\n`);
  console.log(`${"policy form".padEnd(36)}${"query".padEnd(28)}      min   median`);
  for (const [form, using] of Object.entries(FORMS)) {
    await owner.query(`ALTER POLICY account_and_descendants ON accounts USING (${using})`);
    for (const [name, query] of Object.entries(queries)) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await app.query("BEGIN");
        await app.query("SELECT set_config('app.account_id', $1, true)", [tenant]);
        const result = await app.query<{ "QUERY PLAN": [{ "Planning Time": number; "Execution Time": number }] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`,
          query.params,
        );
        await app.query("COMMIT");
        const [plan] = result.rows[0]?.["QUERY PLAN"] ?? [];
        if (plan) times.push(plan["Planning Time"] + plan["Execution Time"]);
      }
      times.sort((a, b) => a - b);
      const at = (i: number) => (times[i] ?? 0).toFixed(3).padStart(8);
      console.log(`${form.padEnd(36)}${name.padEnd(28)} ${at(0)} ${at(Math.floor(times.length / 2))}`);
    }
  }
} finally {
  await owner.end();
  await app.end();
  await ownerPrisma.$disconnect();
  await database.stop();
}
