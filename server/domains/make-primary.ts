import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError } from "../domain-error";
import { type AccountDomains, type DomainSettings, domainsOf, lockDomainsOf, requireDomain } from "./domains";
import { storedHostname } from "./hostname";
import { unverifiedPrimaryProblem } from "./rules";

const PRIMARY_FIELD = { brand: "primaryBrandDomain", sip: "primarySipDomain" } as const;

/**
 * Makes a domain the primary one of its kind for its account (the brand domain the portal's links
 * and e-mails use; the SIP domain devices are given). Already primary: nothing changes. A brand
 * domain that is not verified cannot become primary: the portal does not answer on it yet.
 */
export async function makePrimaryDomain(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; hostname: string },
  settings: Pick<DomainSettings, "developmentSuffixes">,
): Promise<AccountDomains> {
  const hostname = storedHostname(input.hostname);
  const account = await requireOwnOrBelow(db, actor.accountId, input.accountId);
  await lockDomainsOf(db, account.id);
  const domain = await requireDomain(db, account, hostname);
  if (domain.isPrimary) return domainsOf(db, account, settings);
  const unverified = unverifiedPrimaryProblem(domain, settings.developmentSuffixes);
  if (unverified) throw new DomainError("BAD_REQUEST", { ...unverified, field: "hostname" });
  const previous = await db.hostMapping.findFirst({
    where: { accountId: account.id, kind: domain.kind, isPrimary: true },
    select: { hostname: true },
  });
  // In this order, in this transaction: PostgreSQL checks the unique index on (account_id, kind)
  // WHERE is_primary row by row, so the old primary is cleared before the new one is set.
  await db.hostMapping.updateMany({
    where: { accountId: account.id, kind: domain.kind, isPrimary: true },
    data: { isPrimary: false },
  });
  await db.hostMapping.updateMany({ where: { accountId: account.id, hostname }, data: { isPrimary: true } });
  const field = PRIMARY_FIELD[domain.kind];
  await recordAudit(db, actor, {
    action: "domain.primary_changed",
    targetAccountId: account.id,
    details: { before: { [field]: previous?.hostname ?? null }, after: { [field]: hostname } },
  });
  return domainsOf(db, account, settings);
}
