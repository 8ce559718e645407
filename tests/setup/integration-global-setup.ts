import path from "node:path";
import type { TestProject } from "vitest/node";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";

declare module "vitest" {
  export interface ProvidedContext {
    ownerUrl: string;
    appUrl: string;
    demoPassword: string;
  }
}

/**
 * A real PostgreSQL for the integration tests: the server named by DATABASE_URL when set, else an
 * embedded one in .data/test. A fresh `portal_test` database is migrated and seeded each run.
 */
export default async function setup(project: TestProject) {
  const prepared = await prepareTestDatabase({
    dataDir: path.resolve(".data", "test"),
    database: "portal_test",
  });
  project.provide("ownerUrl", prepared.ownerUrl);
  project.provide("appUrl", prepared.appUrl);
  project.provide("demoPassword", DEMO_PASSWORD);
  return prepared.stop;
}
