import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

export const NOT_YOUR_CHILD = "No such account among yours to bill: only an account's own parent bills it.";

/**
 * An account the tenant bills: one of its own children, never itself and never a grandchild (the
 * reseller in between bills that one). NOT_FOUND for anything else, about `field`, so nothing
 * is revealed.
 */
export async function requireBilledChild(db: TenantDb, tenantId: string, accountId: string, field = "accountId") {
  const account = await db.account.findFirst({
    where: { id: accountId, parentId: tenantId },
    select: { id: true, name: true },
  });
  if (!account) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_YOUR_CHILD, field));
  return account;
}
