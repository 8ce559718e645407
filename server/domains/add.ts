import { z } from "zod";
import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { type AccountDomains, domainsOf, lockDomainsOf } from "./domains";
import { DOMAIN_KIND_LABEL, type DomainKind, domainHostnameProblem, normalizeDomainInput } from "./hostname";

/**
 * Adds a brand or SIP domain to the tenant's own account or an account below it. The first domain
 * of a kind (more exactly: while the account has no primary of that kind) becomes the primary one.
 * Host names are unique across the platform; a name another tenant uses is refused without saying
 * anything about that tenant.
 */
export async function addDomain(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; hostname: string; kind: DomainKind },
  options: { platformHosts: readonly string[] },
): Promise<AccountDomains> {
  const hostname = normalizeDomainInput(input.hostname);
  const hostnameProblem = domainHostnameProblem(hostname, options.platformHosts);
  if (hostnameProblem) throw new DomainError("BAD_REQUEST", problem("invalid_hostname", hostnameProblem, "hostname"));
  const account = await requireOwnOrBelow(db, actor.accountId, input.accountId);
  if (account.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${account.name} is closed; a closed account gets no new domains.`, "accountId"),
    );
  }
  await lockDomainsOf(db, account.id);
  const hasPrimary =
    (await db.hostMapping.count({ where: { accountId: account.id, kind: input.kind, isPrimary: true } })) > 0;

  // No "is it free?" look-up first: whether a name is taken is learnt only from the primary key,
  // so no other query can tell more (or sooner) about a name another tenant uses. The savepoint
  // keeps the transaction usable after the violation, to name the owner when the tenant may see it.
  await db.$executeRaw`SAVEPOINT domain_add`;
  try {
    await db.hostMapping.create({
      data: { hostname, accountId: account.id, kind: input.kind, isPrimary: !hasPrimary },
    });
  } catch (error) {
    if (!isHostnameTaken(error)) throw error;
    await db.$executeRaw`ROLLBACK TO SAVEPOINT domain_add`;
    throw await hostnameConflict(db, actor, hostname);
  }
  await db.$executeRaw`RELEASE SAVEPOINT domain_add`;

  await recordAudit(db, actor, {
    action: "domain.added",
    targetAccountId: account.id,
    details: { after: { hostname, kind: input.kind, isPrimary: !hasPrimary } },
  });
  return domainsOf(db, account);
}

/**
 * The answer for a name that is taken. Within the tenant's own tree (its rows are visible to it
 * anyway) it names the account and the kind; otherwise it says only that the name is in use.
 */
async function hostnameConflict(db: TenantDb, actor: Actor, hostname: string): Promise<DomainError> {
  const own = await db.hostMapping.findFirst({
    where: {
      hostname,
      account: { OR: [{ id: actor.accountId }, { ancestors: { has: actor.accountId } }] },
    },
    select: { kind: true, account: { select: { name: true } } },
  });
  return new DomainError(
    "CONFLICT",
    problem(
      "hostname_taken",
      own
        ? `${own.account.name} already has ${hostname} as a ${DOMAIN_KIND_LABEL[own.kind]}.`
        : `${hostname} is already in use by another account.`,
      "hostname",
    ),
  );
}

// Where the PostgreSQL driver adapter reports which unique index a violation hit.
const ViolatedConstraint = z.object({
  driverAdapterError: z.object({
    cause: z.object({
      constraint: z.union([z.object({ index: z.string() }), z.object({ fields: z.array(z.string()) })]),
    }),
  }),
});

/**
 * A unique violation of the host map's primary key. One of the one-primary index is not "the name
 * is taken": the lock rules it out, so should it happen it stays an internal error.
 */
function isHostnameTaken(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const parsed = ViolatedConstraint.safeParse(error.meta);
  if (!parsed.success) return false;
  const constraint = parsed.data.driverAdapterError.cause.constraint;
  return "index" in constraint ? constraint.index === "host_map_pkey" : constraint.fields.includes("hostname");
}
