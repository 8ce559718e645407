import { resolveDatabase } from "@/server/db/bootstrap";
import { createPrismaClient } from "@/server/db/client";
import type { PrismaClient } from "@/server/db/types";
import { DomainError } from "@/server/domain-error";

/**
 * Runs one of the platform's commands (`npm run db:*`) on the owner role's client, closes the
 * client and the database whatever happens, and exits: with the work's own code, or 1 for a rule
 * it broke (printed with its reason). Anything else is a failure of the command and is thrown.
 */
export async function runPlatformCommand(work: (db: PrismaClient) => Promise<number>): Promise<never> {
  const target = await resolveDatabase({});
  const db = createPrismaClient(target.ownerUrl, { max: 2 });
  let exitCode: number;
  try {
    exitCode = await work(db);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(`refused: ${error.reason}: ${error.message}`);
    exitCode = 1;
  } finally {
    await db.$disconnect();
    await target.stop();
  }
  process.exit(exitCode);
}
