import path from "node:path";

/** Where scripts/e2e-server.ts writes the URLs of the e2e run's (test-only) database. */
export const E2E_DATABASE_FILE = path.resolve(".data", "e2e", "database.json");
