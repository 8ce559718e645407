import pg from "pg";
import { env } from "../env";
import { type HostResolution, HostResolver } from "./host-resolver";

// One resolver (and pool) per server process; kept on globalThis across development reloads.
const globalForHosts = globalThis as unknown as { portalHostResolver?: HostResolver };

export function hostResolver(): HostResolver {
  if (!globalForHosts.portalHostResolver) {
    if (!env.DATABASE_APP_URL) {
      throw new Error("DATABASE_APP_URL is not set: start the portal with `npm start`, which sets it.");
    }
    const pool = new pg.Pool({ connectionString: env.DATABASE_APP_URL, max: 4 });
    globalForHosts.portalHostResolver = new HostResolver(pool, env.PLATFORM_HOSTS, {
      developmentSuffixes: env.DOMAIN_DEV_SUFFIXES,
    });
  }
  return globalForHosts.portalHostResolver;
}

export function resolveRequestHost(host: string | null): Promise<HostResolution> {
  return hostResolver().resolve(host);
}
