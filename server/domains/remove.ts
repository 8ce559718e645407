import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type AccountDomains, domainsOf, lockDomainsOf, requireDomain } from "./domains";
import { DOMAIN_KIND_LABEL, normalizeDomainInput } from "./hostname";

/**
 * Removes a domain of the tenant's own account or of an account below it. Refused:
 * - the host this very request came in on: the session is valid on that host only, so removing it
 *   would sign the user out for good (they would have no address left to sign in on);
 * - the primary domain while the account has others of that kind: which one would be primary then
 *   is the user's choice, so they make another one primary first.
 */
export async function removeDomain(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; hostname: string },
  options: { requestHost: string },
): Promise<AccountDomains> {
  const hostname = normalizeDomainInput(input.hostname);
  const account = await requireOwnOrBelow(db, actor.accountId, input.accountId);
  await lockDomainsOf(db, account.id);
  const domain = await requireDomain(db, account, hostname);
  const label = DOMAIN_KIND_LABEL[domain.kind];
  if (domain.hostname === options.requestHost) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "domain_in_use",
        `You are using the portal at ${hostname}: removing it would lock you out. Open the portal at another address to remove it.`,
        "hostname",
      ),
    );
  }
  if (domain.isPrimary) {
    const others = await db.hostMapping.count({
      where: { accountId: account.id, kind: domain.kind, hostname: { not: hostname } },
    });
    if (others > 0) {
      throw new DomainError(
        "BAD_REQUEST",
        problem(
          "primary_domain",
          `${hostname} is the primary ${label} of ${account.name}; make another ${label} primary first.`,
          "hostname",
        ),
      );
    }
  }
  const removed = await db.hostMapping.deleteMany({ where: { accountId: account.id, hostname } });
  if (removed.count !== 1) {
    throw new DomainError(
      "NOT_FOUND",
      problem("domain_not_found", `${account.name} has no domain ${hostname}.`, "hostname"),
    );
  }
  await recordAudit(db, actor, {
    action: "domain.removed",
    targetAccountId: account.id,
    details: { before: { hostname, kind: domain.kind, isPrimary: domain.isPrimary } },
  });
  return domainsOf(db, account);
}
