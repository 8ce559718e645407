import type { HostBrand } from "../tenancy/host-resolver";

/**
 * Where the users of an account sign in, and where their sessions hold. The platform is not an
 * account: an account without ancestors is platform-direct, and one with ancestors belongs to a
 * reseller, which serves it under its own brand so that its customers never see the platform.
 *
 * - A platform host: platform-direct accounts only.
 * - A brand host: the host's own account and the accounts below it (a reseller's customers, the
 *   customers of its sub-resellers).
 *
 * It depends on the tree, not on which accounts have domains today: adding a domain to an account
 * never locks its users out of the host they used before.
 */
export function accountAllowedOnHost(host: HostBrand, accountId: string, ancestors: readonly string[]): boolean {
  if (host.kind === "platform") return ancestors.length === 0;
  return accountId === host.accountId || ancestors.includes(host.accountId);
}
