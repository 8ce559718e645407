import { accountAllowedOnHost } from "../auth/host-rule";
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
  account: { id: string; ancestors: readonly string[] },
  platformHosts: readonly string[],
): string | null {
  if (verifiedBrandHost) return verifiedBrandHost;
  const platformHost = platformHosts[0];
  if (!platformHost) return null;
  return accountAllowedOnHost({ kind: "platform", hostname: platformHost }, account.id, account.ancestors)
    ? platformHost
    : null;
}

/** `hostname` with the scheme and port of the request's origin (`http://x.localhost:3000`). */
export function withRequestSchemeAndPort(hostname: string, requestOrigin: string): string {
  const origin = new URL(requestOrigin);
  const url = new URL(`${origin.protocol}//${hostname}`);
  url.port = origin.port;
  return url.origin;
}

/**
 * Where `accountId`'s links point, or null when it has none (chooseLinkHost): its brand host with
 * the scheme and port of `requestOrigin`. `db` runs as the account or an account above it.
 */
export async function linkOriginOrNull(db: TenantDb, accountId: string, requestOrigin: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ host: string | null; ancestors: string[] }[]>`
    SELECT app_link_host(${accountId}::uuid, ${env.DOMAIN_DEV_SUFFIXES}::text[]) AS host,
           (SELECT a.ancestors FROM accounts a WHERE a.id = ${accountId}::uuid) AS ancestors`;
  const row = rows[0];
  // app_link_host refuses an account the tenant may not reach, so the row is there.
  if (!row) throw new Error(`no link host row for account ${accountId}`);
  const host = chooseLinkHost(row.host, { id: accountId, ancestors: row.ancestors }, env.PLATFORM_HOSTS);
  return host ? withRequestSchemeAndPort(host, requestOrigin) : null;
}

/**
 * Where `accountId`'s links (invitations, password resets) point: its brand host with the scheme
 * and port of the request that causes the mail. `db` runs as the account or an account above it.
 * CONFLICT `no_link_host` when it has none: such a mail would have nowhere to send its reader.
 */
export async function linkOrigin(db: TenantDb, accountId: string, requestOrigin: string): Promise<string> {
  const origin = await linkOriginOrNull(db, accountId, requestOrigin);
  if (!origin) {
    throw new DomainError(
      "CONFLICT",
      problem(
        "no_link_host",
        "This account has no verified portal address to link to. Verify a brand domain for it or for the account above it first.",
      ),
    );
  }
  return origin;
}
