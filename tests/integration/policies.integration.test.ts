/**
 * The shape of every row-level security policy, read from the live database: the tenant predicate
 * is the one STABLE function app_current_tenant(), no policy contains a subquery (Citus refuses
 * them on distributed tables, and the planner cannot see a subquery's value), and every tenant
 * table is made by the one procedure app_make_tenant_table (migration 20261129010000).
 * What the policies admit and refuse is tested in rls.integration.test.ts and the isolation harness.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { isSharedModel, SHARED_MODELS } from "@/server/db/shared-models";
import { withTenant } from "@/server/db/tenant";
import { APP_ROLE } from "@/server/db/urls";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const TENANT_FUNCTION = "app_current_tenant()";
const TENANT_PREDICATE = `(account_id = ${TENANT_FUNCTION})`;

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

type PolicyRow = {
  tablename: string;
  policyname: string;
  permissive: string;
  roles: string[];
  cmd: string;
  qual: string | null;
  with_check: string | null;
  /** The stored expression trees: a subquery is a SUBLINK node, however it is written. */
  qual_tree: string | null;
  with_check_tree: string | null;
  table_owner: string;
};

/** Every policy in the public schema, as pg_policies shows it, with its expression trees. */
function readPolicies(db: Prisma.TransactionClient | PrismaClient): Promise<PolicyRow[]> {
  return db.$queryRaw<PolicyRow[]>`
    SELECT p.tablename, p.policyname, p.permissive, p.roles::text[] AS roles, p.cmd, p.qual, p.with_check,
           pol.polqual::text AS qual_tree, pol.polwithcheck::text AS with_check_tree,
           pg_get_userbyid(c.relowner)::text AS table_owner
      FROM pg_policies p
      JOIN pg_namespace n ON n.nspname = p.schemaname
      JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = p.tablename
      JOIN pg_policy pol ON pol.polrelid = c.oid AND pol.polname = p.policyname
     WHERE p.schemaname = 'public'
     ORDER BY p.tablename, p.policyname`;
}

/** The platform path: a policy for the table's owner alone that admits everything (FORCE applies to it). */
const isOwnerPolicy = (policy: PolicyRow) =>
  policy.policyname === "platform_owner" &&
  policy.roles.length === 1 &&
  policy.roles[0] === policy.table_owner &&
  policy.qual === "true" &&
  policy.with_check === "true";

/** What is wrong with a policy's expressions: a subquery, or a tenant predicate not made by the function. */
function policyProblems(policy: PolicyRow): string[] {
  const name = `${policy.tablename}.${policy.policyname}`;
  if (isOwnerPolicy(policy)) return [];
  const problems: string[] = [];
  const parts = [
    ["USING", policy.qual, policy.qual_tree],
    ["WITH CHECK", policy.with_check, policy.with_check_tree],
  ] as const;
  for (const [clause, text, tree] of parts) {
    if (text === null) continue;
    if (tree?.includes("{SUBLINK") || /\bselect\b/i.test(text))
      problems.push(`${name} ${clause} has a subquery: ${text}`);
    if (!text.includes(TENANT_FUNCTION)) problems.push(`${name} ${clause} does not use ${TENANT_FUNCTION}: ${text}`);
    if (/current_setting/i.test(text)) problems.push(`${name} ${clause} reads the setting itself: ${text}`);
  }
  return problems;
}

type TableRow = {
  relname: string;
  relrowsecurity: boolean;
  relforcerowsecurity: boolean;
  account_id_leads_key: boolean;
  app_can_select: boolean;
};

/** Row-level security flags, key and grant of the named tables. */
function readTables(db: Prisma.TransactionClient | PrismaClient, names: string[]): Promise<TableRow[]> {
  return db.$queryRaw<TableRow[]>`
    SELECT c.relname::text AS relname, c.relrowsecurity, c.relforcerowsecurity,
           EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = c.oid AND i.indisprimary AND a.attname = 'account_id' AND a.attnotnull)
             AS account_id_leads_key,
           -- the table, or some of its columns (low_balance_alerts hides whom it mailed)
           has_any_column_privilege(${APP_ROLE}, c.oid, 'SELECT') AS app_can_select
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = ANY (${names}::text[])`;
}

/**
 * Why `tableName` is not a tenant table as app_make_tenant_table makes one: row-level security
 * enabled and forced, account_id leading the primary key, the request role granted, and the two
 * standard policies exactly (other policies are allowed, and checked like every policy).
 */
function tenantTableProblems(tableName: string, table: TableRow | undefined, policies: PolicyRow[]): string[] {
  if (!table) return [`${tableName}: table does not exist`];
  const problems: string[] = [];
  if (!table.relrowsecurity) problems.push(`${tableName}: row-level security is not enabled`);
  if (!table.relforcerowsecurity) problems.push(`${tableName}: row-level security is not forced`);
  if (!table.account_id_leads_key) problems.push(`${tableName}: a NOT NULL account_id does not lead the primary key`);
  if (!table.app_can_select) problems.push(`${tableName}: ${APP_ROLE} is granted nothing`);
  const own = policies.filter((policy) => policy.tablename === tableName);
  const isolation = own.find((policy) => policy.policyname === "tenant_isolation");
  const expected = { permissive: "PERMISSIVE", roles: ["public"], cmd: "ALL" };
  if (
    !isolation ||
    isolation.permissive !== expected.permissive ||
    isolation.cmd !== expected.cmd ||
    isolation.roles.join() !== expected.roles.join() ||
    isolation.qual !== TENANT_PREDICATE ||
    isolation.with_check !== TENANT_PREDICATE
  ) {
    problems.push(`${tableName}: no tenant_isolation policy as app_make_tenant_table makes it`);
  }
  if (!own.some(isOwnerPolicy)) problems.push(`${tableName}: no platform_owner policy for the table's owner alone`);
  return problems;
}

/** Model name -> table name, from the @@map attributes of prisma/schema.prisma. */
async function tableNamesBySchema(): Promise<Map<string, string>> {
  const schema = await readFile(path.resolve("prisma", "schema.prisma"), "utf8");
  const tables = new Map<string, string>();
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, model, body] = match;
    if (!model || body === undefined) continue;
    const mapped = /@@map\("([^"]+)"\)/.exec(body)?.[1];
    tables.set(model, mapped ?? model);
  }
  return tables;
}

/** Runs `work` as the owner in a transaction that is always rolled back: scratch DDL leaves nothing. */
async function inRolledBackTransaction(work: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
  const rollback = new Error("roll back the scratch tables");
  await expect(
    owner.$transaction(async (tx) => {
      await work(tx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

describe("every policy", () => {
  it("exists on the tables this file knows to look at (control)", async () => {
    const tables = new Set((await readPolicies(owner)).map((policy) => policy.tablename));
    for (const table of ["accounts", "host_map", "users", "audit_entries", "account_logos"]) {
      expect(tables).toContain(table);
    }
  });

  it("contains no subquery and takes the tenant from app_current_tenant()", async () => {
    const problems = (await readPolicies(owner)).flatMap(policyProblems);
    expect(problems).toEqual([]);
  });

  it("is caught when written the old way, with a subquery around current_setting (control)", async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `CREATE TABLE scratch_old_policy (account_id uuid NOT NULL, PRIMARY KEY (account_id))`,
      );
      await tx.$executeRawUnsafe(
        `CREATE POLICY old_style ON scratch_old_policy
           USING (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))`,
      );
      await tx.$executeRawUnsafe(
        `CREATE POLICY hidden_join ON scratch_old_policy
           USING (EXISTS (SELECT 1 FROM accounts a WHERE a.id = account_id AND a.id = app_current_tenant()))`,
      );
      const problems = (await readPolicies(tx))
        .filter((policy) => policy.tablename === "scratch_old_policy")
        .flatMap(policyProblems);
      expect(problems).toEqual([
        expect.stringMatching(/^scratch_old_policy\.hidden_join USING has a subquery/),
        expect.stringMatching(/^scratch_old_policy\.old_style USING has a subquery/),
        expect.stringMatching(/^scratch_old_policy\.old_style USING does not use app_current_tenant/),
        expect.stringMatching(/^scratch_old_policy\.old_style USING reads the setting itself/),
      ]);
    });
  });
});

describe("app_current_tenant()", () => {
  const tenantSeen = (setting: string | null) =>
    app.$transaction(async (tx) => {
      if (setting !== null) await tx.$executeRaw`SELECT set_config('app.account_id', ${setting}, true)`;
      const [row] = await tx.$queryRaw<{ tenant: string | null }[]>`SELECT app_current_tenant()::text AS tenant`;
      return row?.tenant;
    });

  it("is the tenant set for the transaction, and NULL when none is set or it is ''", async () => {
    expect(await tenantSeen(ids.acme.accountId)).toBe(ids.acme.accountId);
    expect(await tenantSeen(null)).toBeNull();
    expect(await tenantSeen("")).toBeNull();
  });

  it("is a STABLE SQL function the planner can inline, callable by the request role", async () => {
    const [fn] = await owner.$queryRaw<
      { provolatile: string; prosecdef: string; lang: string; config: string[] | null; app_can_call: boolean }[]
    >`
      SELECT p.provolatile::text AS provolatile, p.prosecdef::text AS prosecdef, l.lanname::text AS lang,
             p.proconfig AS config, has_function_privilege(${APP_ROLE}, p.oid, 'EXECUTE') AS app_can_call
        FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
       WHERE p.oid = 'app_current_tenant()'::regprocedure`;
    expect(fn).toEqual({ provolatile: "s", prosecdef: "false", lang: "sql", config: null, app_can_call: true });
  });
});

describe("every tenant table", () => {
  it("names only real models on the shared list", () => {
    const models: readonly string[] = Object.values(Prisma.ModelName);
    for (const shared of SHARED_MODELS) expect(models).toContain(shared);
  });

  it("is made with app_make_tenant_table: RLS enabled and forced, the standard policies, a grant", async () => {
    const models = Object.values(Prisma.ModelName);
    const tablesBySchema = await tableNamesBySchema();
    // The schema file and the generated client must describe the same models, or the walk below
    // would silently skip one.
    expect([...tablesBySchema.keys()].sort()).toEqual([...models].sort());

    // A table created in SQL without a model would escape the walk: refuse it too. A partition is
    // its partitioned table's (the next case shows that requests reach it only through that table).
    const allTables = await owner.$queryRaw<{ relname: string }[]>`
      SELECT c.relname::text AS relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;
    const modelled = new Set(tablesBySchema.values());
    const unmodelled = allTables
      .map((table) => table.relname)
      .filter((name) => !modelled.has(name) && name !== "_prisma_migrations");
    expect(unmodelled, "tables without a Prisma model").toEqual([]);

    const tenantTables = models
      .filter((model) => !isSharedModel(model))
      .map((model) => tablesBySchema.get(model) ?? model);
    expect(tenantTables.length).toBeGreaterThan(0);
    const tables = new Map((await readTables(owner, tenantTables)).map((table) => [table.relname, table]));
    const policies = await readPolicies(owner);
    const problems = tenantTables.flatMap((name) => tenantTableProblems(name, tables.get(name), policies));
    expect(problems).toEqual([]);
  });

  it("has partitions the request role cannot reach but through their partitioned table", async () => {
    const partitions = await owner.$queryRaw<{ relname: string; parent: string; app_can_touch: boolean }[]>`
      SELECT c.relname::text AS relname, p.relname::text AS parent,
             has_table_privilege(${APP_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS app_can_touch
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_inherits i ON i.inhrelid = c.oid
        JOIN pg_class p ON p.oid = i.inhparent
       WHERE n.nspname = 'public' AND c.relispartition AND c.relkind IN ('r', 'p')`;
    expect(partitions.length).toBeGreaterThan(0);
    expect(new Set(partitions.map((partition) => partition.parent))).toEqual(new Set(["call_records"]));
    expect(partitions.filter((partition) => partition.app_can_touch)).toEqual([]);
  });
  it("check passes a table made with the procedure and catches one made by hand (control)", async () => {
    await inRolledBackTransaction(async (tx) => {
      const create = (name: string) =>
        tx.$executeRawUnsafe(
          `CREATE TABLE ${name} (account_id uuid NOT NULL REFERENCES accounts (id), id uuid NOT NULL,
                                 PRIMARY KEY (account_id, id))`,
        );
      await create("scratch_by_procedure");
      await tx.$executeRawUnsafe(`CALL app_make_tenant_table('scratch_by_procedure', ARRAY['SELECT', 'INSERT'])`);
      // By hand, the way the first migrations did it.
      await create("scratch_by_hand");
      await tx.$executeRawUnsafe(`ALTER TABLE scratch_by_hand ENABLE ROW LEVEL SECURITY`);
      await tx.$executeRawUnsafe(`ALTER TABLE scratch_by_hand FORCE ROW LEVEL SECURITY`);
      await tx.$executeRawUnsafe(
        `CREATE POLICY tenant_isolation ON scratch_by_hand
           USING (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))
           WITH CHECK (account_id = (SELECT NULLIF(current_setting('app.account_id', true), '')::uuid))`,
      );
      await tx.$executeRawUnsafe(`GRANT SELECT ON scratch_by_hand TO ${APP_ROLE}`);
      // Created and forgotten: no policies, no grant.
      await create("scratch_forgotten");

      const names = ["scratch_by_procedure", "scratch_by_hand", "scratch_forgotten"];
      const tables = new Map((await readTables(tx, names)).map((table) => [table.relname, table]));
      const policies = await readPolicies(tx);
      const problemsOf = (name: string) => tenantTableProblems(name, tables.get(name), policies);
      expect(problemsOf("scratch_by_procedure")).toEqual([]);
      expect(problemsOf("scratch_by_hand")).toEqual([
        "scratch_by_hand: no tenant_isolation policy as app_make_tenant_table makes it",
        "scratch_by_hand: no platform_owner policy for the table's owner alone",
      ]);
      expect(problemsOf("scratch_forgotten")).toEqual([
        "scratch_forgotten: row-level security is not enabled",
        "scratch_forgotten: row-level security is not forced",
        `scratch_forgotten: ${APP_ROLE} is granted nothing`,
        "scratch_forgotten: no tenant_isolation policy as app_make_tenant_table makes it",
        "scratch_forgotten: no platform_owner policy for the table's owner alone",
      ]);
    });
  });

  it("made with the procedure isolates tenants as the first tables do", async () => {
    // Committed (the request role works on its own connection), so dropped afterwards.
    await owner.$executeRawUnsafe(
      `CREATE TABLE scratch_tenant_rows (account_id uuid NOT NULL REFERENCES accounts (id), id integer NOT NULL,
                                         PRIMARY KEY (account_id, id))`,
    );
    try {
      await owner.$executeRawUnsafe(`CALL app_make_tenant_table('scratch_tenant_rows', ARRAY['SELECT', 'INSERT'])`);
      await owner.$executeRaw`
        INSERT INTO scratch_tenant_rows VALUES (${ids.acme.accountId}::uuid, 1), (${ids.voicereseller.accountId}::uuid, 2)`;
      const seenBy = (accountId: string) =>
        withTenant(
          app,
          accountId,
          (tx) => tx.$queryRaw<{ id: number }[]>`SELECT id FROM scratch_tenant_rows ORDER BY id`,
        );
      expect(await seenBy(ids.acme.accountId)).toEqual([{ id: 1 }]);
      // A reseller does not see its children's rows through a tenant table's standard policies.
      expect(await seenBy(ids.bistro.accountId)).toEqual([]);
      expect(await app.$queryRaw`SELECT id FROM scratch_tenant_rows`).toEqual([]);
      await expect(
        withTenant(
          app,
          ids.acme.accountId,
          (tx) => tx.$executeRaw`INSERT INTO scratch_tenant_rows VALUES (${ids.voicereseller.accountId}::uuid, 3)`,
        ),
      ).rejects.toThrow(/row-level security/);
      await expect(
        withTenant(app, ids.acme.accountId, (tx) => tx.$executeRaw`DELETE FROM scratch_tenant_rows`),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await owner.$executeRawUnsafe(`DROP TABLE scratch_tenant_rows`);
    }
  });

  it("is refused by the procedure when account_id does not lead its primary key", async () => {
    await inRolledBackTransaction(async (tx) => {
      await tx.$executeRawUnsafe(`CREATE TABLE scratch_not_tenant (id uuid PRIMARY KEY, account_id uuid NOT NULL)`);
      await expect(tx.$executeRawUnsafe(`CALL app_make_tenant_table('scratch_not_tenant')`)).rejects.toThrow(
        /scratch_not_tenant is not a tenant table/,
      );
    });
  });

  it("is refused by the procedure with no privileges, or one other than SELECT, INSERT, UPDATE, DELETE", async () => {
    await inRolledBackTransaction(async (tx) => {
      await expect(
        tx.$executeRawUnsafe(`CALL app_make_tenant_table('users', ARRAY['SELECT', 'TRUNCATE'])`),
      ).rejects.toThrow(/must be some of SELECT, INSERT, UPDATE, DELETE/);
    });
    await inRolledBackTransaction(async (tx) => {
      await expect(tx.$executeRawUnsafe(`CALL app_make_tenant_table('users', '{}')`)).rejects.toThrow(
        /must be some of SELECT, INSERT, UPDATE, DELETE/,
      );
    });
    await inRolledBackTransaction(async (tx) => {
      await expect(tx.$executeRawUnsafe(`CALL app_make_tenant_table('users', NULL)`)).rejects.toThrow(
        /must be some of SELECT, INSERT, UPDATE, DELETE/,
      );
    });
  });
});

describe("account_ancestors, which the policies for rows below the tenant read", () => {
  it("is filled from the registry, whatever the writer sends", async () => {
    await inRolledBackTransaction(async (tx) => {
      const [inserted] = await tx.$queryRaw<{ account_ancestors: string[] }[]>`
        INSERT INTO host_map (hostname, account_id, kind, account_ancestors)
        VALUES ('scratch-ancestors.localhost', ${ids.bistro.accountId}::uuid, 'sip', '{}')
        RETURNING account_ancestors::text[]`;
      expect(inserted?.account_ancestors).toEqual([ids.voicereseller.accountId]);
      const [updated] = await tx.$queryRaw<{ account_ancestors: string[] }[]>`
        UPDATE host_map SET account_ancestors = ARRAY[${ids.acme.accountId}::uuid]
         WHERE hostname = 'scratch-ancestors.localhost'
        RETURNING account_ancestors::text[]`;
      expect(updated?.account_ancestors).toEqual([ids.voicereseller.accountId]);
    });
  });

  it("cannot be written by the request role", async () => {
    await expect(
      withTenant(
        app,
        ids.voicereseller.accountId,
        (tx) =>
          tx.$executeRaw`
          INSERT INTO host_map (hostname, account_id, kind, account_ancestors)
          VALUES ('forged.voicereseller.localhost', ${ids.voicereseller.accountId}::uuid, 'sip',
                  ARRAY[${ids.acme.accountId}::uuid])`,
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
