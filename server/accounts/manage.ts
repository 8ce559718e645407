import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, type Problem, problem } from "../domain-error";
import { withPlanChangeCheck } from "../plans/plan-change-error";
import { type EffectiveStatus, effectiveStatus, inactiveAncestors } from "./effective-status";
import { type Limits, limitsAboveParent, limitsAbovePlan, limitsBelowChildren, type PlanCeiling } from "./limits";
import { NOT_BELOW, requireBelow } from "./scope";

export type AccountStatus = "active" | "suspended" | "closed";

export type ManagedAccount = {
  id: string;
  slug: string;
  name: string;
  isReseller: boolean;
  status: AccountStatus;
  /** What holds for it: its own status, or a suspended account's above it (named). */
  effectiveStatus: EffectiveStatus;
  planId: string;
  limits: Limits;
  parent: { id: string; name: string; limits: Limits };
  /** The lowest limits allowed: the highest of its children's (zero without children). */
  childLimitFloor: Limits;
  openChildCount: number;
};

async function limitsOf(db: TenantDb, accountId: string) {
  const row = await db.account.findFirst({
    where: { id: accountId },
    select: { id: true, name: true, isReseller: true, maxIn: true, maxOut: true, maxDialer: true },
  });
  if (!row) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_BELOW));
  return { ...row, limits: { maxIn: row.maxIn, maxOut: row.maxOut, maxDialer: row.maxDialer } };
}

async function childFloor(db: TenantDb, accountId: string): Promise<{ floor: Limits; openChildren: number }> {
  const aggregate = await db.account.aggregate({
    where: { parentId: accountId },
    _max: { maxIn: true, maxOut: true, maxDialer: true },
  });
  const openChildren = await db.account.count({ where: { parentId: accountId, status: { not: "closed" } } });
  return {
    floor: {
      maxIn: aggregate._max.maxIn ?? 0,
      maxOut: aggregate._max.maxOut ?? 0,
      maxDialer: aggregate._max.maxDialer ?? 0,
    },
    openChildren,
  };
}

async function requirePlan(db: TenantDb, planId: string): Promise<PlanCeiling> {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { name: true, maxConcurrentCalls: true } });
  if (!plan) throw new DomainError("BAD_REQUEST", problem("unknown_plan", `There is no plan "${planId}".`, "planId"));
  return plan;
}

/** An account below the tenant, with what its edit form needs to explain the limits. */
export async function getChildAccount(db: TenantDb, actor: Actor, accountId: string): Promise<ManagedAccount> {
  const account = await requireBelow(db, actor.accountId, accountId);
  const parent = await limitsOf(db, account.parentId);
  const { floor, openChildren } = await childFloor(db, account.id);
  const inactive = await inactiveAncestors(db, [account.ancestors]);
  return {
    id: account.id,
    slug: account.slug,
    name: account.name,
    isReseller: account.isReseller,
    status: account.status,
    effectiveStatus: effectiveStatus(account.status, account.ancestors, inactive),
    planId: account.planId,
    limits: { maxIn: account.maxIn, maxOut: account.maxOut, maxDialer: account.maxDialer },
    parent: { id: parent.id, name: parent.name, limits: parent.limits },
    childLimitFloor: floor,
    openChildCount: openChildren,
  };
}

/** Creates an account below `parentId` (the tenant itself when omitted), which must be a reseller. */
export async function createChildAccount(
  db: TenantDb,
  actor: Actor,
  input: { parentId?: string; name: string; slug: string; planId: string; isReseller: boolean; limits: Limits },
): Promise<ManagedAccount> {
  const parentId = input.parentId ?? actor.accountId;
  if (parentId !== actor.accountId) await requireBelow(db, actor.accountId, parentId, "parentId");
  const parent = await limitsOf(db, parentId);
  if (!parent.isReseller) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "parent_not_reseller",
        `${parent.name} is not a reseller, so it cannot have child accounts.`,
        input.parentId === undefined ? null : "parentId",
      ),
    );
  }
  const plan = await requirePlan(db, input.planId);
  const problems = [...limitsAboveParent(input.limits, parent), ...limitsAbovePlan(input.limits, plan)];
  if (problems.length > 0) throw new DomainError("BAD_REQUEST", problems);
  const taken = await db.$queryRaw<{ taken: boolean }[]>`SELECT app_slug_taken(${input.slug}) AS taken`;
  if (taken[0]?.taken) throw slugTaken(input.slug);
  const created = await db.account
    .create({
      data: {
        parentId,
        name: input.name,
        slug: input.slug,
        planId: input.planId,
        isReseller: input.isReseller,
        ...input.limits,
      },
    })
    .catch((error: unknown) => {
      // Another request took the slug between the check above and this insert.
      if (isUniqueViolation(error)) throw slugTaken(input.slug);
      throw error;
    });
  await recordAudit(db, actor, {
    action: "account.create",
    targetAccountId: created.id,
    details: {
      after: {
        name: created.name,
        slug: created.slug,
        parentId,
        planId: created.planId,
        isReseller: created.isReseller,
        ...input.limits,
      },
    },
  });
  return getChildAccount(db, actor, created.id);
}

/**
 * Renames an account below the tenant, or changes its plan or limits. A plan the account's usage
 * exceeds (more users or departments than it allows, a feature switched on that it lacks) is
 * refused with one problem at `planId` listing everything over, and nothing is written.
 */
export async function updateChildAccount(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; name?: string; planId?: string; limits?: Limits },
): Promise<ManagedAccount> {
  const account = await requireBelow(db, actor.accountId, input.accountId);
  const plan = await requirePlan(db, input.planId ?? account.planId);
  const problems: Problem[] = [];
  if (input.limits) {
    const parent = await limitsOf(db, account.parentId);
    const { floor } = await childFloor(db, account.id);
    problems.push(...limitsAboveParent(input.limits, parent), ...limitsBelowChildren(input.limits, floor));
  }
  // The limits the account will have, under the plan it will have: a smaller plan alone can break the rule too.
  const limits = input.limits ?? { maxIn: account.maxIn, maxOut: account.maxOut, maxDialer: account.maxDialer };
  problems.push(...limitsAbovePlan(limits, plan, input.limits ? undefined : () => "planId"));
  if (problems.length > 0) throw new DomainError("BAD_REQUEST", problems);
  const before = {
    name: account.name,
    planId: account.planId,
    maxIn: account.maxIn,
    maxOut: account.maxOut,
    maxDialer: account.maxDialer,
  };
  const change = changedFields(before, { name: input.name, planId: input.planId, ...input.limits });
  if (Object.keys(change.after).length > 0) {
    // A smaller plan than the account uses now is refused by the database (app_plan_change_fits),
    // under the lock that invitations take, listing everything that is over.
    await withPlanChangeCheck(account.name, () => db.account.update({ where: { id: account.id }, data: change.after }));
    await recordAudit(db, actor, { action: "account.update", targetAccountId: account.id, details: change });
  }
  return getChildAccount(db, actor, account.id);
}

const STATUS_ACTIONS = { active: "account.reactivate", suspended: "account.suspend", closed: "account.close" } as const;

/** Suspends, reactivates or closes an account below the tenant. Closed is final. */
export async function setChildAccountStatus(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; status: AccountStatus },
): Promise<ManagedAccount> {
  const account = await requireBelow(db, actor.accountId, input.accountId);
  if (account.status === input.status) return getChildAccount(db, actor, account.id);
  if (account.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${account.name} is closed; a closed account cannot be reopened.`, "status"),
    );
  }
  if (input.status === "closed") {
    const { openChildren } = await childFloor(db, account.id);
    if (openChildren > 0) {
      throw new DomainError(
        "BAD_REQUEST",
        problem(
          "open_children",
          `${account.name} has ${openChildren} open child ${openChildren === 1 ? "account" : "accounts"}; close ${openChildren === 1 ? "it" : "them"} first.`,
          "status",
        ),
      );
    }
  }
  await db.account.update({ where: { id: account.id }, data: { status: input.status } });
  await recordAudit(db, actor, {
    action: STATUS_ACTIONS[input.status],
    targetAccountId: account.id,
    details: { before: { status: account.status }, after: { status: input.status } },
  });
  return getChildAccount(db, actor, account.id);
}

function slugTaken(slug: string): DomainError {
  return new DomainError("CONFLICT", problem("slug_taken", `The slug "${slug}" is already taken.`, "slug"));
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
