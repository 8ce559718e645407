/**
 * Rules about an account's domains that need more than the name itself, as pure functions: the
 * services gather the facts (a count, the database's overlap answer) and these decide and word
 * the refusal. Table-tested in rules.test.ts.
 */
import { DOMAIN_KIND_LABEL, type DomainKind } from "./hostname";
import { verificationOf } from "./verification";

export type DomainRuleReason = "domain_limit" | "hostname_below_other" | "hostname_above_other" | "primary_unverified";
export type DomainRuleProblem = { reason: DomainRuleReason; message: string };

/** An account at its limit of domains of a kind gets no more of that kind. */
export function domainLimitProblem(
  accountName: string,
  kind: DomainKind,
  count: number,
  limits: Readonly<Record<DomainKind, number>>,
): DomainRuleProblem | null {
  const limit = limits[kind];
  if (count < limit) return null;
  return {
    reason: "domain_limit",
    message: `${accountName} has ${count} ${DOMAIN_KIND_LABEL[kind]}s, the most an account can have (${limit}). Remove one to add another.`,
  };
}

/**
 * A name and the names below it belong to one account tree: below another tree's name, a
 * portal would sit inside a zone that tree's owner administers (its DNS decides the TXT record,
 * and cookies set for the parent reach the child); above it, the new owner could take over the
 * other tree's names from their zone. Within one tree (a reseller handing its children names
 * under its own domain) both are fine: the database answers only about other trees, and only about
 * their verified names (an unverified claim of `co.uk` must not block every name under it).
 */
export function overlapProblem(hostname: string, overlap: "above" | "below" | null): DomainRuleProblem | null {
  if (overlap === "below") {
    return {
      reason: "hostname_below_other",
      message: `${hostname} is under a domain that another account uses; a domain and the names below it belong to one account.`,
    };
  }
  if (overlap === "above") {
    return {
      reason: "hostname_above_other",
      message: `Names under ${hostname} are in use by another account; a domain and the names below it belong to one account.`,
    };
  }
  return null;
}

/**
 * The primary brand domain is the address the portal's links and e-mails use: one that does not
 * serve the portal yet (unverified) would send everyone to a 404.
 */
export function unverifiedPrimaryProblem(
  domain: { hostname: string; kind: DomainKind; verified: boolean },
  developmentSuffixes: readonly string[],
): DomainRuleProblem | null {
  if (domain.kind !== "brand" || verificationOf(domain, developmentSuffixes) !== null) return null;
  return {
    reason: "primary_unverified",
    message: `Verify ${domain.hostname} before making it primary: until then the portal does not answer on it.`,
  };
}
