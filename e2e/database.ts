import { readFile } from "node:fs/promises";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "../server/db/client";
import { E2E_DATABASE_FILE } from "./database-file";

/**
 * Clients on the e2e run's database, for specs that must prepare what no page makes yet (a user
 * created for the test). The owner client bypasses row-level security: only set-up and clean-up.
 */
export async function e2eDatabase(): Promise<{ owner: PrismaClient; app: PrismaClient }> {
  const { ownerUrl, appUrl } = JSON.parse(await readFile(E2E_DATABASE_FILE, "utf8")) as {
    ownerUrl: string;
    appUrl: string;
  };
  return { owner: createPrismaClient(ownerUrl, { max: 1 }), app: createPrismaClient(appUrl, { max: 1 }) };
}

/**
 * A plain SQL connection as the owner role to the e2e run's database, for specs that write rows
 * directly (and must undo them): set-up and clean-up only, never what a spec checks.
 */
export async function e2eSql(): Promise<pg.Client> {
  const { ownerUrl } = JSON.parse(await readFile(E2E_DATABASE_FILE, "utf8")) as { ownerUrl: string };
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  return client;
}
