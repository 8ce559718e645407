import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { withDatabase } from "../server/db/urls";
import { env } from "../server/env";

/**
 * The owner role's connection to the database the e2e server runs on (scripts/e2e-server.ts), for
 * the few rows a test needs that no page of this branch makes yet. Tests undo what they add.
 */
export async function e2eDatabase(): Promise<pg.Client> {
  const server = env.DATABASE_URL ?? (await embeddedServerUrl());
  const client = new pg.Client({ connectionString: withDatabase(server, "portal_e2e_test") });
  await client.connect();
  return client;
}

async function embeddedServerUrl(): Promise<string> {
  const secret = JSON.parse(await readFile(path.resolve(".data", "e2e", "owner-secret.json"), "utf8")) as {
    ownerPassword: string;
  };
  return `postgresql://postgres:${encodeURIComponent(secret.ownerPassword)}@127.0.0.1:${env.EMBEDDED_PG_PORT + 30}/postgres`;
}
