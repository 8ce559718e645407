import { seedDemoData } from "@/prisma/seed";
import { loadLocalSecrets } from "@/server/db/bootstrap";
import { createPrismaClient } from "@/server/db/client";
import { recreateDatabase, startEmbeddedPostgres } from "@/server/db/embedded";
import { migrate } from "@/server/db/migrate";
import { assertTestDatabase } from "@/server/db/test-database";
import { APP_ROLE, withCredentials, withDatabase } from "@/server/db/urls";
import { env } from "@/server/env";

/** Starts (or reaches) the test server, recreates `database`, migrates it and seeds the demo data. */
export async function prepareTestDatabase(options: { dataDir: string; database: string; port?: number }) {
  const cluster = env.DATABASE_URL
    ? { serverUrl: env.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedPostgres({ dir: options.dataDir, port: options.port ?? env.EMBEDDED_PG_PORT + 10 });
  // A failed set-up must not leave the cluster it started running.
  try {
    const ownerUrl = withDatabase(cluster.serverUrl, options.database);
    assertTestDatabase(ownerUrl);
    await recreateDatabase(cluster.serverUrl, options.database);
    // A shared server has one portal_app role: reuse the password the portal itself gives it, so that
    // a test run does not lock out a portal running on the same server.
    const appDbPassword =
      env.APP_DB_PASSWORD ?? (await loadLocalSecrets(env.DATABASE_URL ? undefined : options.dataDir)).appDbPassword;
    await migrate({ ownerUrl, appRolePassword: appDbPassword });
    const owner = createPrismaClient(ownerUrl, { max: 2 });
    try {
      await seedDemoData(owner, { platformBrandName: env.PLATFORM_BRAND_NAME });
    } finally {
      await owner.$disconnect();
    }
    return { ownerUrl, appUrl: withCredentials(ownerUrl, APP_ROLE, appDbPassword), stop: cluster.stop };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
