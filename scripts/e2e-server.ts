// The server Playwright tests run against: a fresh, seeded `portal_e2e_test` database (embedded
// under .data/e2e unless DATABASE_URL is set), then the production build via `next start`.
import path from "node:path";
import { env } from "@/server/env";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";
import { buildAndServe } from "./serve";

const log = (line: string) => console.log(`[e2e-server] ${line}`);
const database = await prepareTestDatabase({
  dataDir: path.resolve(".data", "e2e"),
  database: "portal_e2e_test",
  port: env.EMBEDDED_PG_PORT + 30,
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
