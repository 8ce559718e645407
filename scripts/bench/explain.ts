import pg from "pg";
import type { SentQuery } from "@/server/db/client";

export type ExplainedStatement = {
  sql: string;
  /** The top plan node, with the index it reads when it is a scan ("Index Scan on accounts_parent_slug_idx"). */
  plan: string;
  estimatedRows: number;
  actualRows: number;
  planningMs: number;
  executionMs: number;
  text: string[];
};

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Plan Rows": number;
  "Actual Rows": number;
  "Parent Relationship"?: string;
  Plans?: PlanNode[];
};

/** The statement's first table scan, depth first, outside subplans (those run per row). */
function findScan(node: PlanNode): PlanNode | undefined {
  if (node["Relation Name"]) return node;
  for (const child of node.Plans ?? []) {
    if (child["Parent Relationship"] === "SubPlan") continue;
    const found = findScan(child);
    if (found) return found;
  }
  return undefined;
}

const describeNode = (node: PlanNode) =>
  `${node["Node Type"]}${node["Index Name"] ? ` on ${node["Index Name"]}` : node["Relation Name"] ? ` on ${node["Relation Name"]}` : ""}`;

/**
 * `EXPLAIN ANALYZE` of each statement in `sent` (Prisma's own SQL and parameters, as its query
 * event reported them), run on `url`'s role inside a transaction with `app.account_id` = `tenantId`,
 * exactly as `withTenant` runs them, so that the row-level security policies are in every plan.
 * Statements other than SELECT (BEGIN, set_config, COMMIT) are skipped. Rolled back afterwards.
 */
export async function explainAsTenant(url: string, tenantId: string, sent: SentQuery[]): Promise<ExplainedStatement[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const explained: ExplainedStatement[] = [];
    for (const statement of sent) {
      if (!/^\s*SELECT\b/i.test(statement.query) || statement.query.includes("set_config")) continue;
      const params: unknown[] = JSON.parse(statement.params);
      await client.query("BEGIN");
      try {
        await client.query("SELECT set_config('app.account_id', $1, true)", [tenantId]);
        // The text plan first: it warms the new connection's caches, so that the timed JSON plan
        // does not count their loading.
        const text = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE) ${statement.query}`, params);
        const json = await client.query<{
          "QUERY PLAN": [{ Plan: PlanNode; "Planning Time": number; "Execution Time": number }];
        }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.query}`, params);
        const [result] = json.rows[0]?.["QUERY PLAN"] ?? [];
        if (!result) throw new Error(`no plan for ${statement.query}`);
        const scan = findScan(result.Plan) ?? result.Plan;
        explained.push({
          sql: statement.query,
          plan: describeNode(scan),
          estimatedRows: scan["Plan Rows"],
          actualRows: scan["Actual Rows"],
          planningMs: result["Planning Time"],
          executionMs: result["Execution Time"],
          text: text.rows.map((row) => row["QUERY PLAN"]),
        });
      } finally {
        await client.query("ROLLBACK");
      }
    }
    return explained;
  } finally {
    await client.end();
  }
}
