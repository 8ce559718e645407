import "server-only";
import { env } from "../env";
import { logger } from "../log";
import { createPrismaClient, openKeptConnections, PORTAL_POOL, type PrismaClient } from "./client";

// The web server's one client, connected as the request role. Kept on globalThis so that
// development hot reloads do not open a new pool each time.
const globalForDb = globalThis as unknown as { portalAppDb?: PrismaClient };

export function appDb(): PrismaClient {
  if (!globalForDb.portalAppDb) {
    if (!env.DATABASE_APP_URL) {
      throw new Error("DATABASE_APP_URL is not set: start the portal with `npm start`, which sets it.");
    }
    const db = createPrismaClient(env.DATABASE_APP_URL, PORTAL_POOL);
    // Opened in the background: the first request does not wait, and a database that is not up yet
    // only means the connections open on demand, as they would without this.
    openKeptConnections(db).catch((error: unknown) =>
      logger.warn({ err: error }, "could not open the database pool ahead of requests"),
    );
    globalForDb.portalAppDb = db;
  }
  return globalForDb.portalAppDb;
}
