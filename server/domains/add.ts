import { z } from "zod";
import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import {
  type AccountDomains,
  type DomainSettings,
  domainsOf,
  hostnameHeld,
  hostnameInUse,
  lockDomainsOf,
  lockHostnameSpace,
  overlapOf,
} from "./domains";
import { checkDomainHostname, DOMAIN_KIND_LABEL, type DomainKind } from "./hostname";
import { domainLimitProblem, overlapProblem } from "./rules";

/**
 * Adds a brand or SIP domain to the tenant's own account or an account below it. The first domain
 * of a kind (more exactly: while the account has no primary of that kind) becomes the primary one.
 * A name is held by one account once verified (or at once, for a development name); a name another
 * account holds is refused without saying anything about that account, and so is a name above or
 * below one that another tree has verified. A name other trees have only claimed (unverified) is
 * not held: this account gets its own claim and token, and the first claim verified wins. A new
 * domain starts unverified (unless it is a development name): it serves nothing until its TXT
 * record is found (verify.ts).
 */
export async function addDomain(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; hostname: string; kind: DomainKind },
  settings: DomainSettings,
): Promise<AccountDomains> {
  const checked = checkDomainHostname(input.hostname, settings.platformHosts);
  if (!checked.ok) throw new DomainError("BAD_REQUEST", { ...checked.problem, field: "hostname" });
  const { hostname } = checked;
  const account = await requireOwnOrBelow(db, actor.accountId, input.accountId);
  if (account.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${account.name} is closed; a closed account gets no new domains.`, "accountId"),
    );
  }
  await lockDomainsOf(db, account.id);
  const count = await db.hostMapping.count({ where: { accountId: account.id, kind: input.kind } });
  const overLimit = domainLimitProblem(account.name, input.kind, count, settings.limits);
  if (overLimit) throw new DomainError("BAD_REQUEST", { ...overLimit, field: "hostname" });

  await lockHostnameSpace(db);
  const overlapping = overlapProblem(hostname, await overlapOf(db, hostname, account.id, settings));
  if (overlapping) throw new DomainError("CONFLICT", { ...overlapping, field: "hostname" });

  // Within the tenant's own line (rows it may read anyway) a name is one account's: the answer names
  // it. Elsewhere only a held name blocks: verified, or a development name (first come, first
  // served). An unverified claim blocks no one else: this account gets its own claim and token, and
  // whichever claim is verified first wins (app_mark_domain_verified releases the others).
  const ownLine = await hostnameInOwnLine(db, actor, hostname);
  if (ownLine) throw ownLine;
  if (await hostnameHeld(db, hostname, settings)) throw hostnameInUse(hostname);

  const hasPrimary =
    (await db.hostMapping.count({ where: { accountId: account.id, kind: input.kind, isPrimary: true } })) > 0;

  // The locks above make the checks and the insert one step; should a claim of this account still
  // meet the primary key, the savepoint keeps the transaction usable to answer it as data.
  await db.$executeRaw`SAVEPOINT domain_add`;
  try {
    await db.hostMapping.create({
      data: { hostname, accountId: account.id, kind: input.kind, isPrimary: !hasPrimary },
      select: { hostname: true },
    });
  } catch (error) {
    if (!isHostnameTaken(error)) throw error;
    await db.$executeRaw`ROLLBACK TO SAVEPOINT domain_add`;
    throw (await hostnameInOwnLine(db, actor, hostname)) ?? hostnameInUse(hostname);
  }
  await db.$executeRaw`RELEASE SAVEPOINT domain_add`;

  await recordAudit(db, actor, {
    action: "domain.added",
    targetAccountId: account.id,
    details: { after: { hostname, kind: input.kind, isPrimary: !hasPrimary } },
  });
  return domainsOf(db, account, settings);
}

/**
 * The answer for a name an account of the tenant's own line (itself or below; their rows are
 * visible to it anyway) already has, verified or not: it names the account and the kind.
 */
async function hostnameInOwnLine(db: TenantDb, actor: Actor, hostname: string): Promise<DomainError | null> {
  const own = await db.hostMapping.findFirst({
    where: {
      hostname,
      account: { OR: [{ id: actor.accountId }, { ancestors: { has: actor.accountId } }] },
    },
    select: { kind: true, account: { select: { name: true } } },
  });
  if (!own) return null;
  return new DomainError(
    "CONFLICT",
    problem(
      "hostname_taken",
      `${own.account.name} already has ${hostname} as a ${DOMAIN_KIND_LABEL[own.kind]}.`,
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
 * A unique violation of the host map's primary key (this account claims the name already). One of
 * the one-primary index is not "the name is taken": the lock rules it out, so should it happen it
 * stays an internal error.
 */
function isHostnameTaken(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const parsed = ViolatedConstraint.safeParse(error.meta);
  if (!parsed.success) return false;
  const constraint = parsed.data.driverAdapterError.cause.constraint;
  return "index" in constraint ? constraint.index === "host_map_pkey" : constraint.fields.includes("hostname");
}
