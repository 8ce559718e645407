import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type DomainKind, displayHostname } from "./hostname";
import { type Verification, type VerificationRecord, verificationOf, verificationRecord } from "./verification";

/** What the domain services need from configuration (server/env.ts), passed in by the router. */
export type DomainSettings = {
  platformHosts: readonly string[];
  /** Names under these suffixes count as verified without a TXT record. */
  developmentSuffixes: readonly string[];
  /** How many domains of each kind one account may have. */
  limits: Readonly<Record<DomainKind, number>>;
};

/** One brand or SIP domain of an account, as the domain pages and the API show it. */
export type Domain = {
  /** As stored and as browsers send it: an international name in its ASCII (xn--) form. */
  hostname: string;
  /** As people read it: an international name in its own letters. */
  displayName: string;
  kind: DomainKind;
  isPrimary: boolean;
  /** Serves the portal (brand) and counts as the account's: its TXT record was found, or it is a development name. */
  verified: boolean;
  verification: Verification;
  /** The TXT record to publish while the domain is unverified; null once it is verified. */
  record: VerificationRecord | null;
  createdAt: Date;
};

export type AccountDomains = {
  account: { id: string; slug: string; name: string };
  domains: Domain[];
};

const DOMAIN_FIELDS = {
  hostname: true,
  kind: true,
  isPrimary: true,
  verified: true,
  verificationToken: true,
  createdAt: true,
} as const;

type DomainRow = {
  hostname: string;
  kind: DomainKind;
  isPrimary: boolean;
  verified: boolean;
  verificationToken: string;
  createdAt: Date;
};

export function presentDomain(row: DomainRow, settings: Pick<DomainSettings, "developmentSuffixes">): Domain {
  const verification = verificationOf(row, settings.developmentSuffixes);
  return {
    hostname: row.hostname,
    displayName: displayHostname(row.hostname),
    kind: row.kind,
    isPrimary: row.isPrimary,
    verified: verification !== null,
    verification,
    record: verification === null ? verificationRecord(row.hostname, row.verificationToken) : null,
    createdAt: row.createdAt,
  };
}

/** The domains of an account the caller has already checked is the tenant's or below it. */
export async function domainsOf(
  db: TenantDb,
  account: { id: string; slug: string; name: string },
  settings: Pick<DomainSettings, "developmentSuffixes">,
): Promise<AccountDomains> {
  const rows = await db.hostMapping.findMany({
    where: { accountId: account.id },
    select: DOMAIN_FIELDS,
    orderBy: [{ kind: "asc" }, { isPrimary: "desc" }, { hostname: "asc" }],
  });
  return {
    account: { id: account.id, slug: account.slug, name: account.name },
    domains: rows.map((row) => presentDomain(row, settings)),
  };
}

/** One domain of the account, or NOT_FOUND naming what was asked for (the caller's own words). */
export async function requireDomain(db: TenantDb, account: { id: string; name: string }, hostname: string) {
  const domain = await db.hostMapping.findFirst({ where: { accountId: account.id, hostname }, select: DOMAIN_FIELDS });
  if (!domain)
    throw new DomainError(
      "NOT_FOUND",
      problem("domain_not_found", `${account.name} has no domain ${hostname}.`, "hostname"),
    );
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

/**
 * Serialises additions and verifications of names across all accounts until the transaction ends:
 * "no other tree holds this name, or one above or below it" reads, then the insert or the mark
 * writes, and two accounts adding `acme.com` and `x.acme.com` (or the same development name) at
 * once would otherwise both pass. Taken after
 * lockDomainsOf, never before, so the two locks cannot deadlock. Adding a domain is rare: one
 * queue for the whole platform costs nothing noticeable.
 */
export async function lockHostnameSpace(db: TenantDb): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(${DOMAIN_LOCK_CLASS + 1}::integer, 0)`;
}

/**
 * Whether `hostname` would sit above or below a name another account tree has verified (see
 * app_domain_overlap), for `accountId`, the tenant's own account or one below it.
 */
export async function overlapOf(
  db: TenantDb,
  hostname: string,
  accountId: string,
  settings: Pick<DomainSettings, "developmentSuffixes">,
): Promise<"above" | "below" | null> {
  const [row] = await db.$queryRaw<{ overlap: "above" | "below" | null }[]>`
    SELECT app_domain_overlap(${hostname}, ${accountId}::uuid, ${[...settings.developmentSuffixes]}::text[]) AS overlap`;
  return row?.overlap ?? null;
}

/**
 * Whether an account holds `hostname` so that no other may claim it (see app_hostname_held): a
 * verified claim, or any claim of a development name. Whose it is stays the database's.
 */
export async function hostnameHeld(
  db: TenantDb,
  hostname: string,
  settings: Pick<DomainSettings, "developmentSuffixes">,
): Promise<boolean> {
  const [row] = await db.$queryRaw<{ held: boolean }[]>`
    SELECT app_hostname_held(${hostname}, ${[...settings.developmentSuffixes]}::text[]) AS held`;
  return row?.held === true;
}

/** The answer for a name another account holds: it says neither whose nor what kind. */
export function hostnameInUse(hostname: string): DomainError {
  return new DomainError(
    "CONFLICT",
    problem("hostname_taken", `${hostname} is already in use by another account.`, "hostname"),
  );
}
