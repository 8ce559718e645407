import "server-only";
import { env } from "../env";
import { createPrismaClient, type PrismaClient } from "./client";

// The web server's one client, connected as the request role. Kept on globalThis so that
// development hot reloads do not open a new pool each time.
const globalForDb = globalThis as unknown as { portalAppDb?: PrismaClient };

export function appDb(): PrismaClient {
  if (!globalForDb.portalAppDb) {
    if (!env.DATABASE_APP_URL) {
      throw new Error("DATABASE_APP_URL is not set: start the portal with `npm start`, which sets it.");
    }
    globalForDb.portalAppDb = createPrismaClient(env.DATABASE_APP_URL);
  }
  return globalForDb.portalAppDb;
}
