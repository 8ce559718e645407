import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { env } from "../env";

/**
 * The host an account's links point to, from what the database knows: the nearest verified brand
 * host of its chain (`verifiedBrandHost`, from app_link_host), else a platform host when the
 * account signs in there (platform-direct accounts, the rule of server/auth/host-rule.ts), else
 * none: a reseller's customer must never be sent to the platform's address.
 */
export function chooseLinkHost(
  verifiedBrandHost: string | null,
  ancestors: readonly string[],
  platformHosts: readonly string[],
): string | null {
  if (verifiedBrandHost) return verifiedBrandHost;
  if (ancestors.length === 0) return platformHosts[0] ?? null;
  return null;
}

/** `hostname` with the scheme and port of the request's origin (`http://x.localhost:3000`). */
export function withRequestSchemeAndPort(hostname: string, requestOrigin: string): string {
  const origin = new URL(requestOrigin);
  const url = new URL(`${origin.protocol}//${hostname}`);
  url.port = origin.port;
  return url.origin;
}

/**
 * Where `accountId`'s links (invitations, password resets) point: its brand host with the scheme
 * and port of the request that causes the mail. `db` runs as the account or an account above it.
 */
export async function linkOrigin(db: TenantDb, accountId: string, requestOrigin: string): Promise<string> {
  const rows = await db.$queryRaw<{ host: string | null; ancestors: string[] }[]>`
    SELECT app_link_host(${accountId}::uuid, ${env.DOMAIN_DEV_SUFFIXES}::text[]) AS host,
           (SELECT a.ancestors FROM accounts a WHERE a.id = ${accountId}::uuid) AS ancestors`;
  const row = rows[0];
  const host = chooseLinkHost(row?.host ?? null, row?.ancestors ?? [], env.PLATFORM_HOSTS);
  if (!host) {
    throw new DomainError(
      "CONFLICT",
      problem(
        "no_link_host",
        "This account has no verified portal address to link to. Verify a brand domain for it or for the account above it first.",
      ),
    );
  }
  return withRequestSchemeAndPort(host, requestOrigin);
}
