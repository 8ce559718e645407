import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "../env";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded";
import { APP_ROLE, withCredentials, withDatabase } from "./urls";

export const EMBEDDED_DATABASE = "portal";

export type DatabaseTarget = {
  /** Owner role: migrations, seed. */
  ownerUrl: string;
  /** Request role: what the web server connects as. */
  appUrl: string;
  /** Password to (re)set on the request role when the migration runner creates it. */
  appRolePassword: string | undefined;
  embedded: boolean;
  stop: () => Promise<void>;
};

const LocalSecrets = z.object({ appDbPassword: z.string().min(16), authSecret: z.string().min(32) });
export type LocalSecrets = z.infer<typeof LocalSecrets>;

/** Secrets this installation made for itself, kept in the git-ignored data folder. */
export async function loadLocalSecrets(dataDir = env.PORTAL_DATA_DIR): Promise<LocalSecrets> {
  const file = path.resolve(dataDir, "secrets.json");
  if (existsSync(file)) {
    return LocalSecrets.parse(JSON.parse(await readFile(file, "utf8")));
  }
  await mkdir(path.dirname(file), { recursive: true });
  const secrets = {
    appDbPassword: randomBytes(24).toString("base64url"),
    authSecret: randomBytes(32).toString("base64url"),
  };
  await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

/**
 * The database this process should use: the server named by DATABASE_URL, or else an embedded
 * PostgreSQL whose data lives in `<PORTAL_DATA_DIR>/postgres` (started here, stopped by `stop`).
 */
export async function resolveDatabase(options: {
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<DatabaseTarget> {
  const dataDir = options.dataDir ?? env.PORTAL_DATA_DIR;
  const secrets = await loadLocalSecrets(dataDir);
  const appRolePassword = env.APP_DB_PASSWORD ?? secrets.appDbPassword;
  if (env.DATABASE_URL) {
    return {
      ownerUrl: env.DATABASE_URL,
      appUrl: env.DATABASE_APP_URL ?? withCredentials(env.DATABASE_URL, APP_ROLE, appRolePassword),
      appRolePassword: env.DATABASE_APP_URL ? undefined : appRolePassword,
      embedded: false,
      stop: async () => {},
    };
  }
  const cluster = await startEmbeddedPostgres({
    dir: path.join(dataDir, "postgres"),
    port: env.EMBEDDED_PG_PORT,
    log: options.log,
  });
  await ensureDatabase(cluster.serverUrl, EMBEDDED_DATABASE);
  const ownerUrl = withDatabase(cluster.serverUrl, EMBEDDED_DATABASE);
  return {
    ownerUrl,
    appUrl: withCredentials(ownerUrl, APP_ROLE, appRolePassword),
    appRolePassword,
    embedded: true,
    stop: cluster.stop,
  };
}
