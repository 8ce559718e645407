// `npm run db:seed`: seeds the demo data into DATABASE_URL or the embedded database (idempotent).
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoOwnerEmail, demoSipLines, seedDemoData } from "@/prisma/seed";
import { resolveDatabase } from "@/server/db/bootstrap";
import { createPrismaClient } from "@/server/db/client";
import { env } from "@/server/env";

const target = await resolveDatabase({});
const db = createPrismaClient(target.ownerUrl, { max: 2 });
try {
  const { seeded } = await seedDemoData(db, { platformBrandName: env.PLATFORM_BRAND_NAME });
  console.log(seeded ? "seeded the demo data" : "demo data already present: nothing changed");
  if (seeded) {
    for (const account of DEMO_ACCOUNTS) console.log(`  ${demoOwnerEmail(account.slug)}  (tenant ${account.slug})`);
    console.log(`  password for all: ${DEMO_PASSWORD}`);
    for (const line of demoSipLines()) console.log(`  ${line}`);
  }
} finally {
  await db.$disconnect();
  await target.stop();
}
