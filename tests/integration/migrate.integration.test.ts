/**
 * The migration runner (server/db/migrate.ts) against the test database, which the global set-up
 * already migrated with it: re-runs are no-ops, records match Prisma Migrate's, an edited applied
 * migration stops everything, and a failing migration leaves nothing behind.
 */
import { createHash } from "node:crypto";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, MigrationChecksumError, migrate, readMigrations } from "@/server/db/migrate";

type MigrationRecord = {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
};

let db: pg.Client;
const tempDirs: string[] = [];

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject("ownerUrl") });
  await db.connect();
});

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

afterAll(async () => {
  await db.end();
});

async function records(): Promise<MigrationRecord[]> {
  const result = await db.query<MigrationRecord>(
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
       FROM _prisma_migrations ORDER BY migration_name, started_at`,
  );
  return result.rows;
}

async function tableExists(name: string): Promise<boolean> {
  const result = await db.query<{ found: string | null }>("SELECT to_regclass($1)::text AS found", [name]);
  return result.rows[0]?.found != null;
}

/** A copy of prisma/migrations the test may edit; removed after the test. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-migrations-"));
  tempDirs.push(dir);
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("migrate", () => {
  it("applies nothing when run again", async () => {
    const before = await records();
    expect(await migrate({ ownerUrl: inject("ownerUrl") })).toEqual([]);
    expect(await records()).toEqual(before);
  });

  it("records every migration with the SHA-256 of its file, as Prisma Migrate does", async () => {
    const onDisk = await readMigrations();
    expect(onDisk.length).toBeGreaterThan(0);
    const recorded = await records();
    for (const migration of onDisk) {
      // Hash the file here rather than trusting readMigrations' own checksum.
      const file = await readFile(path.join(MIGRATIONS_DIR, migration.name, "migration.sql"));
      const expected = createHash("sha256").update(file).digest("hex");
      const rows = recorded.filter((row) => row.migration_name === migration.name);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ checksum: expected, rolled_back_at: null, applied_steps_count: 1 });
      expect(rows[0]?.finished_at).toBeInstanceOf(Date);
    }
  });

  it("refuses to run when an applied migration was edited, and changes nothing", async () => {
    const dir = await copyOfMigrations();
    const [first] = await readMigrations(dir);
    if (!first) throw new Error("no migration to edit");
    await appendFile(path.join(dir, first.name, "migration.sql"), "\n-- edited after it was applied\n");
    // A pending migration as well: the checksum check must stop the run before applying it.
    await addMigration(dir, "29990101000000_should_not_run", "CREATE TABLE t_should_not_run (x int);");
    const before = await records();

    const run = migrate({ ownerUrl: inject("ownerUrl"), dir });
    await expect(run).rejects.toBeInstanceOf(MigrationChecksumError);
    await expect(run).rejects.toThrow(first.name);

    expect(await tableExists("t_should_not_run")).toBe(false);
    expect(await records()).toEqual(before);
  });

  it("rolls a failing migration back entirely, record included", async () => {
    const dir = await copyOfMigrations();
    await addMigration(dir, "29990101000000_broken", "CREATE TABLE t_ok (x int);\nSELEC broken;\n");
    const before = await records();

    await expect(migrate({ ownerUrl: inject("ownerUrl"), dir })).rejects.toThrow(
      /29990101000000_broken failed and was rolled back/,
    );

    expect(await tableExists("t_ok")).toBe(false);
    expect(await records()).toEqual(before);
    // The advisory lock was released: the next run gets it and has nothing to do.
    expect(await migrate({ ownerUrl: inject("ownerUrl") })).toEqual([]);
  });

  it("applies a new valid migration once and records it (control)", async () => {
    const dir = await copyOfMigrations();
    const sql = "CREATE TABLE t_migrate_probe (x int);\n";
    await addMigration(dir, "29990101000000_probe", sql);
    try {
      expect(await migrate({ ownerUrl: inject("ownerUrl"), dir })).toEqual(["29990101000000_probe"]);
      expect(await tableExists("t_migrate_probe")).toBe(true);
      const probe = (await records()).filter((row) => row.migration_name === "29990101000000_probe");
      expect(probe).toHaveLength(1);
      expect(probe[0]?.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(await migrate({ ownerUrl: inject("ownerUrl"), dir })).toEqual([]);
    } finally {
      // Leave the shared database as the suite found it: later files check that every table has
      // a Prisma model.
      await db.query("DROP TABLE IF EXISTS t_migrate_probe");
      await db.query("DELETE FROM _prisma_migrations WHERE migration_name = '29990101000000_probe'");
    }
  });
});
