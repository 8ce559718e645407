import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import type { DomainKind } from "./hostname";

/** One brand or SIP domain of an account, as the domain pages and the API show it. */
export type Domain = {
  hostname: string;
  kind: DomainKind;
  isPrimary: boolean;
  /** The platform has checked the domain's DNS; new domains start unchecked (see the migration). */
  verified: boolean;
  createdAt: Date;
};

export type AccountDomains = {
  account: { id: string; slug: string; name: string };
  domains: Domain[];
};

const DOMAIN_FIELDS = { hostname: true, kind: true, isPrimary: true, verified: true, createdAt: true } as const;

/** The domains of an account the caller has already checked is the tenant's or below it. */
export async function domainsOf(
  db: TenantDb,
  account: { id: string; slug: string; name: string },
): Promise<AccountDomains> {
  const domains = await db.hostMapping.findMany({
    where: { accountId: account.id },
    select: DOMAIN_FIELDS,
    orderBy: [{ kind: "asc" }, { isPrimary: "desc" }, { hostname: "asc" }],
  });
  return { account: { id: account.id, slug: account.slug, name: account.name }, domains };
}

/** One domain of the account, or NOT_FOUND naming what was asked for (the caller's own words). */
export async function requireDomain(db: TenantDb, account: { id: string; name: string }, hostname: string) {
  const domain = await db.hostMapping.findFirst({ where: { accountId: account.id, hostname }, select: DOMAIN_FIELDS });
  if (!domain) {
    throw new DomainError(
      "NOT_FOUND",
      problem("domain_not_found", `${account.name} has no domain ${hostname}.`, "hostname"),
    );
  }
  return domain;
}

// Arbitrary, fixed: the first key of the two-key advisory lock space, so that these locks never meet
// another feature's.
const DOMAIN_LOCK_CLASS = 7301;

/**
 * Serialises the domain changes of one account until the transaction ends. "The first domain of a
 * kind becomes primary", "the primary goes last" and "one primary per kind" each read, then write:
 * without the lock two concurrent requests could both read "no primary yet" and the second would
 * trip the unique index on (account_id, kind) WHERE is_primary instead of getting a clear answer.
 */
export async function lockDomainsOf(db: TenantDb, accountId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${DOMAIN_LOCK_CLASS}::integer, hashtext(${accountId}::text))`;
}
