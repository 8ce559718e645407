// The server Playwright tests run against: a fresh, seeded `portal_e2e_test` database (embedded
// under .data/e2e unless DATABASE_URL is set), then the production build via `next start`.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { E2E_DATABASE_FILE } from "@/e2e/database-file";
import { env } from "@/server/env";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";
import { buildAndServe } from "./serve";

const log = (line: string) => console.log(`[e2e-server] ${line}`);
const database = await prepareTestDatabase({
  dataDir: path.resolve(".data", "e2e"),
  database: "portal_e2e_test",
  port: env.EMBEDDED_PG_PORT + 30,
});
// For specs that prepare what no page makes yet (e2e/database.ts): where the test database is.
await writeFile(E2E_DATABASE_FILE, JSON.stringify({ ownerUrl: database.ownerUrl, appUrl: database.appUrl }), {
  mode: 0o600,
});
const stop = async (code: number) => {
  await database.stop().catch((error: unknown) => console.error("[e2e-server] stopping the database", error));
  process.exit(code);
};
try {
  const server = await buildAndServe({ appUrl: database.appUrl, port: env.PORT, dev: false, log });
  server.on("exit", (code) => void stop(code ?? 0));
} catch (error) {
  console.error("[e2e-server]", error instanceof Error ? error.message : error);
  await stop(1);
}
