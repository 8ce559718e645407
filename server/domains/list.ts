import { requireOwnOrBelow } from "../accounts/scope";
import type { Actor } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { type AccountDomains, type DomainSettings, domainsOf } from "./domains";

/** The brand and SIP domains of the tenant's own account or of an account below it. */
export async function listDomains(
  db: TenantDb,
  actor: Actor,
  accountId: string,
  settings: Pick<DomainSettings, "developmentSuffixes">,
): Promise<AccountDomains> {
  const account = await requireOwnOrBelow(db, actor.accountId, accountId);
  return domainsOf(db, account, settings);
}
