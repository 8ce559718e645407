// `npm start`: database (embedded unless DATABASE_URL is set) -> migrations -> demo data -> build
// (when sources changed) -> `next start`. `npm run dev` does the same with `next dev`.
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoOwnerEmail, demoSipLines, seedDemoData } from "@/prisma/seed";
import { resolveDatabase } from "@/server/db/bootstrap";
import { createPrismaClient } from "@/server/db/client";
import { migrate } from "@/server/db/migrate";
import { env } from "@/server/env";
import { buildAndServe } from "./serve";

const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[portal] ${line}`);

const database = await resolveDatabase({});
log(
  database.embedded
    ? `embedded PostgreSQL on port ${env.EMBEDDED_PG_PORT} (data in ${env.PORTAL_DATA_DIR}/postgres)`
    : "using DATABASE_URL",
);

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await database.stop().catch((error: unknown) => console.error("[portal] stopping the database failed", error));
  }
  process.exit(code);
}

try {
  const applied = await migrate({ ownerUrl: database.ownerUrl, appRolePassword: database.appRolePassword, log });
  log(applied.length ? `applied ${applied.length} migration(s)` : "database schema is up to date");
  const owner = createPrismaClient(database.ownerUrl, { max: 2 });
  try {
    const { seeded } = await seedDemoData(owner, { platformBrandName: env.PLATFORM_BRAND_NAME });
    if (seeded) {
      log("seeded the demo data; sign in with:");
      for (const account of DEMO_ACCOUNTS) log(`  ${demoOwnerEmail(account.slug)}  tenant ${account.slug}`);
      log(`  password: ${DEMO_PASSWORD}`);
      for (const line of demoSipLines()) log(`  ${line}`);
    } else {
      log("demo data already present");
    }
  } finally {
    await owner.$disconnect();
  }
} catch (error) {
  console.error("[portal] could not prepare the database:", error instanceof Error ? error.message : error);
  await shutdown(1);
}

try {
  const server = await buildAndServe({ appUrl: database.appUrl, port: env.PORT, dev, log });
  log(`brand hosts: http://acme.localhost:${env.PORT}, http://voicereseller.localhost:${env.PORT}`);
  server.on("exit", (code) => {
    void shutdown(code ?? 0);
  });
} catch (error) {
  console.error("[portal]", error instanceof Error ? error.message : error);
  await shutdown(1);
}
