import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import type { TxtLookup } from "./dns";
import {
  type AccountDomains,
  type DomainSettings,
  domainsOf,
  hostnameHeld,
  hostnameInUse,
  lockHostnameSpace,
  overlapOf,
} from "./domains";
import { storedHostname } from "./hostname";
import { overlapProblem } from "./rules";
import { verificationOf, verificationProblem, verificationRecord } from "./verification";

/**
 * "Check now": looks up the domain's TXT record and, when it holds the domain's token, marks the
 * domain verified (audited; every server instance's host cache is told by the host map's change
 * notification). Already verified, or a development name: nothing to do. Not found or another
 * value: refused with what to publish, and nothing changes. Refused too when another account
 * tree has verified this name, or one above or below it, in the meantime. Verifying releases the
 * other trees' unverified claims of the name: a verified claim wins.
 */
export async function verifyDomain(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; hostname: string },
  settings: Pick<DomainSettings, "developmentSuffixes">,
  lookupTxt: TxtLookup,
): Promise<AccountDomains> {
  const hostname = storedHostname(input.hostname);
  const account = await requireOwnOrBelow(db, actor.accountId, input.accountId);
  const domain = await db.hostMapping.findFirst({
    where: { accountId: account.id, hostname },
    select: { hostname: true, kind: true, verified: true, verificationToken: true },
  });
  if (!domain)
    throw new DomainError(
      "NOT_FOUND",
      problem("domain_not_found", `${account.name} has no domain ${hostname}.`, "hostname"),
    );
  if (verificationOf(domain, settings.developmentSuffixes) !== null) return domainsOf(db, account, settings);

  const record = verificationRecord(domain.hostname, domain.verificationToken);
  const recordProblem = verificationProblem(record, await lookupTxt(record.name));
  if (recordProblem) throw new DomainError("BAD_REQUEST", { ...recordProblem, field: "hostname" });

  // No two trees' verified names nest, and a name is verified once: a claim verified meanwhile
  // (of this name, or one above or below it) wins, and this one was released with it.
  await lockHostnameSpace(db);
  const overlapping = overlapProblem(domain.hostname, await overlapOf(db, domain.hostname, account.id, settings));
  if (overlapping) throw new DomainError("CONFLICT", { ...overlapping, field: "hostname" });
  if (await hostnameHeld(db, domain.hostname, settings)) throw hostnameInUse(domain.hostname);

  // The database binds the mark to this claim's token: had the name been removed and added again
  // during the look-up, it would have another token and nothing would be marked. It releases the
  // other trees' unverified claims of the name, each audited in its own account's log.
  const [marked] = await db.$queryRaw<{ marked: boolean }[]>`
    SELECT app_mark_domain_verified(${domain.hostname}, ${domain.verificationToken}) AS marked`;
  if (!marked?.marked)
    throw new DomainError(
      "NOT_FOUND",
      problem("domain_not_found", `${account.name} has no domain ${hostname}.`, "hostname"),
    );
  await recordAudit(db, actor, {
    action: "domain.verified",
    targetAccountId: account.id,
    details: { before: { hostname, kind: domain.kind, verified: false }, after: { verified: true } },
  });
  return domainsOf(db, account, settings);
}
