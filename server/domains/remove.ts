import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { isForeignKeyViolation } from "../sip/db-errors";
import { type AccountDomains, type DomainSettings, domainsOf, lockDomainsOf, requireDomain } from "./domains";
import { DOMAIN_KIND_LABEL, storedHostname } from "./hostname";

/**
 * Removes a domain of the tenant's own account or of an account below it. Refused:
 * - the host this very request came in on: the session is valid on that host only, so removing it
 *   would sign the user out for good (they would have no address left to sign in on);
 * - the primary domain while the account has others of that kind: which one would be primary then
 *   is the user's choice, so they make another one primary first;
 * - a SIP domain that devices use as their realm: they would stop registering (the devices' foreign
 *   key refuses it too; this says how many).
 */
export async function removeDomain(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; hostname: string },
  options: { requestHost: string } & Pick<DomainSettings, "developmentSuffixes">,
): Promise<AccountDomains> {
  const hostname = storedHostname(input.hostname);
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
  if (domain.kind === "sip") await refuseWhileDevicesUse(db, account, hostname);
  const removed = await db.hostMapping
    .deleteMany({ where: { accountId: account.id, hostname } })
    .catch((error: unknown) => {
      // A device added since the count: the foreign key refused the removal.
      if (!isForeignKeyViolation(error)) throw error;
      throw new DomainError(
        "CONFLICT",
        problem(
          "domain_has_devices",
          `Devices use ${hostname} as their SIP domain; delete them on the Extensions page first.`,
          "hostname",
        ),
      );
    });
  if (removed.count !== 1)
    throw new DomainError(
      "NOT_FOUND",
      problem("domain_not_found", `${account.name} has no domain ${hostname}.`, "hostname"),
    );
  await recordAudit(db, actor, {
    action: "domain.removed",
    targetAccountId: account.id,
    details: { before: { hostname, kind: domain.kind, isPrimary: domain.isPrimary } },
  });
  return domainsOf(db, account, options);
}

/** Devices are the account's rows, which a reseller removing a child's domain cannot read: counted by app_domain_device_count. */
async function refuseWhileDevicesUse(db: TenantDb, account: { id: string; name: string }, hostname: string) {
  const [row] = await db.$queryRaw<{ count: number | null }[]>`
    SELECT app_domain_device_count(${hostname}, ${account.id}::uuid) AS count`;
  const count = row?.count ?? 0;
  if (count === 0) return;
  throw new DomainError(
    "CONFLICT",
    problem(
      "domain_has_devices",
      `${count} ${count === 1 ? "device uses" : "devices use"} ${hostname} as ${count === 1 ? "its" : "their"} SIP domain; delete ${count === 1 ? "it" : "them"} on the Extensions page first.`,
      "hostname",
    ),
  );
}
