import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

export const NOT_YOURS = "No such account: it is neither yours nor below yours.";

/**
 * The tenant's own account or one below it, for services that act on either (branding, domains).
 * Anything else answers NOT_FOUND (about the input `field`), whether or not it exists, so nothing
 * is revealed.
 */
export async function requireOwnOrBelow(db: TenantDb, tenantId: string, accountId: string, field = "accountId") {
  const account = await db.account.findFirst({
    where: { id: accountId, OR: [{ id: tenantId }, { ancestors: { has: tenantId } }] },
  });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_YOURS, field));
  return account;
}

export const NOT_BELOW = "No such account below yours.";

/**
 * An account strictly below the tenant (never the tenant itself), for what only a parent does to
 * a child: manage it, open it. Anything else answers NOT_FOUND, about the input `field`.
 */
export async function requireBelow(db: TenantDb, tenantId: string, accountId: string, field = "accountId") {
  const account = await db.account.findFirst({ where: { id: accountId, ancestors: { has: tenantId } } });
  if (!account?.parentId) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_BELOW, field));
  return { ...account, parentId: account.parentId };
}
