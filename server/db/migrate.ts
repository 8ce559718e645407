import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { APP_ROLE } from "./urls";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma", "migrations");

// Any fixed number: it keeps two runners (two `npm start`s, parallel test workers) from
// applying the same migration at once.
const MIGRATION_LOCK = 4_207_731;

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      // The same checksum Prisma Migrate records: SHA-256 of the file, hex.
      const checksum = createHash("sha256").update(sql).digest("hex");
      return { name, sql, checksum };
    }),
  );
}

export class MigrationChecksumError extends Error {}

/**
 * Applies every migration not yet recorded in `_prisma_migrations`, in name order, each in its own
 * transaction (a failed migration leaves nothing behind, not even its record). Refuses to run when
 * a migration that was applied has since been edited. Connects as the owner role; makes sure the
 * request role exists first, since migrations grant to it.
 */
export async function migrate(options: {
  ownerUrl: string;
  appRolePassword?: string;
  dir?: string;
  log?: (line: string) => void;
}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.dir);
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await ensureAppRole(client, options.appRolePassword);
    await client.query(`
      CREATE TABLE IF NOT EXISTS _prisma_migrations (
        id                  varchar(36) PRIMARY KEY NOT NULL,
        checksum            varchar(64) NOT NULL,
        finished_at         timestamptz,
        migration_name      varchar(255) NOT NULL,
        logs                text,
        rolled_back_at      timestamptz,
        started_at          timestamptz NOT NULL DEFAULT now(),
        applied_steps_count integer NOT NULL DEFAULT 0
      )`);
    const applied = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const appliedChecksums = new Map(applied.rows.map((row) => [row.migration_name, row.checksum]));
    for (const migration of migrations) {
      const recorded = appliedChecksums.get(migration.name);
      if (recorded !== undefined && recorded !== migration.checksum) {
        throw new MigrationChecksumError(
          `Migration ${migration.name} was changed after it was applied (checksum ${recorded} in the database, ${migration.checksum} on disk). Add a new migration instead of editing an applied one.`,
        );
      }
    }
    const pending = migrations.filter((migration) => !appliedChecksums.has(migration.name));
    for (const migration of pending) {
      log(`applying migration ${migration.name}`);
      await client.query("BEGIN");
      try {
        const id = randomUUID();
        await client.query("INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)", [
          id,
          migration.checksum,
          migration.name,
        ]);
        await client.query(migration.sql);
        await client.query("UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1", [
          id,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(
          `Migration ${migration.name} failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch((error: unknown) => {
      log(`could not release the migration lock: ${String(error)}`);
    });
    await client.end();
  }
}

async function ensureAppRole(client: pg.Client, password: string | undefined): Promise<void> {
  const role = pg.escapeIdentifier(APP_ROLE);
  const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
  if (exists.rowCount === 0) {
    await client.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
  }
  // A role made elsewhere could bypass row-level security; refuse rather than run on it.
  const privileged = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1 AND (rolsuper OR rolbypassrls)", [
    APP_ROLE,
  ]);
  if ((privileged.rowCount ?? 0) > 0) {
    throw new Error(
      `The request role ${APP_ROLE} is a superuser or has BYPASSRLS, so row-level security would not apply to it. Run ALTER ROLE ${APP_ROLE} NOSUPERUSER NOBYPASSRLS as a superuser.`,
    );
  }
  if (password !== undefined) {
    await client.query(`ALTER ROLE ${role} WITH LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
  }
}
