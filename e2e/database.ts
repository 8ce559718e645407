import { readFile } from "node:fs/promises";
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
