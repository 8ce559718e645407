import type { DepartmentOutput } from "../api/schemas/departments.schema";
import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { violationOf } from "../db/violation";
import { DomainError, problem } from "../domain-error";
import { withPlanLimits } from "../plans/limit-error";
import { inUseProblem, referencesTo } from "../routing/references";
import { getDepartment } from "./read";

type RingStrategy = DepartmentOutput["ringStrategy"];

const RINGING: Record<RingStrategy, string> = { simultaneous: "all at once", in_order: "in order" };

/** What the audit log shows of a department: words, members by name in ring order. */
function auditable(department: DepartmentOutput) {
  return {
    name: department.name,
    ringStrategy: RINGING[department.ringStrategy],
    members: department.members.map((member) => member.name).join(", "),
  };
}

function nameTaken(name: string): DomainError {
  return new DomainError(
    "CONFLICT",
    problem("name_taken", `There is already a department called ${name}. Choose another name.`, "name"),
  );
}

/** A write that may meet the unique name: the database decides, this names the field. */
async function withUniqueName<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const violation = violationOf(error);
    if (violation?.kind === "unique" && violation.constraint === "departments_name_unique") throw nameTaken(name);
    throw error;
  }
}

/**
 * The members, checked: each a user of this account (another tenant's user, or no user, is
 * NOT_FOUND, as the composite foreign key would refuse it too) who is not deactivated.
 */
async function checkMembers(db: TenantDb, accountId: string, memberIds: readonly string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const users = await db.user.findMany({
    where: { accountId, id: { in: [...memberIds] } },
    select: { id: true, name: true, status: true },
  });
  const found = new Map(users.map((user) => [user.id, user]));
  const missing = memberIds.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new DomainError(
      "NOT_FOUND",
      problem("user_not_found", "A member is not a user of this account.", `memberIds.${missing}`),
    );
  }
  const gone = memberIds.findIndex((id) => found.get(id)?.status === "deactivated");
  if (gone >= 0) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "user_deactivated",
        `${found.get(memberIds[gone] as string)?.name} is deactivated and cannot be a member.`,
        `memberIds.${gone}`,
      ),
    );
  }
}

async function replaceMembers(db: TenantDb, accountId: string, departmentId: string, memberIds: readonly string[]) {
  await db.departmentMember.deleteMany({ where: { accountId, departmentId } });
  if (memberIds.length === 0) return;
  await db.departmentMember.createMany({
    data: memberIds.map((userId, position) => ({ accountId, departmentId, userId, position })),
  });
}

/**
 * A new department (ring group). The plan's limit is the database's to enforce
 * (departments_plan_limit, under a lock on the account): over it the answer is `plan_limit` and
 * nothing is written.
 */
export async function createDepartment(
  db: TenantDb,
  actor: Actor,
  input: { name: string; ringStrategy: RingStrategy; memberIds: readonly string[] },
): Promise<DepartmentOutput> {
  const accountId = actor.accountId;
  await checkMembers(db, accountId, input.memberIds);
  const created = await withPlanLimits(() =>
    withUniqueName(input.name, () =>
      db.department.create({
        data: { accountId, name: input.name, ringStrategy: input.ringStrategy },
        select: { id: true },
      }),
    ),
  );
  await replaceMembers(db, accountId, created.id, input.memberIds);
  const department = await getDepartment(db, accountId, created.id);
  await recordAudit(db, actor, {
    action: "department.create",
    targetAccountId: accountId,
    details: { id: created.id, after: auditable(department) },
  });
  return department;
}

/** Renames a department, changes how it rings, or replaces its members (in the order given). */
export async function updateDepartment(
  db: TenantDb,
  actor: Actor,
  input: { id: string; name?: string; ringStrategy?: RingStrategy; memberIds?: readonly string[] },
): Promise<DepartmentOutput> {
  const accountId = actor.accountId;
  const before = await getDepartment(db, accountId, input.id);
  if (input.memberIds) await checkMembers(db, accountId, input.memberIds);
  // Always written, so that updated_at moves when only the members change.
  await withUniqueName(input.name ?? before.name, () =>
    db.department.update({
      where: { accountId_id: { accountId, id: input.id } },
      data: { name: input.name, ringStrategy: input.ringStrategy, updatedAt: new Date() },
      select: { id: true },
    }),
  );
  if (input.memberIds) await replaceMembers(db, accountId, input.id, input.memberIds);
  const after = await getDepartment(db, accountId, input.id);
  const fields = changedFields(auditable(before), auditable(after));
  if (Object.keys(fields.after).length > 0) {
    await recordAudit(db, actor, {
      action: "department.update",
      targetAccountId: accountId,
      details: { id: input.id, ...fields },
    });
  }
  return after;
}

/**
 * Deletes a department and its membership. Refused (CONFLICT, `in_use`) while a schedule, a number
 * or the account's default destination routes to it: the foreign keys restrict the delete, and
 * the answer says what still uses it.
 */
export async function deleteDepartment(db: TenantDb, actor: Actor, input: { id: string }): Promise<{ id: string }> {
  const accountId = actor.accountId;
  const before = await getDepartment(db, accountId, input.id);
  const users = await referencesTo(db, accountId, { kind: "department", id: input.id });
  if (users.length > 0) throw new DomainError("CONFLICT", inUseProblem(before.name, users));
  try {
    await db.department.delete({ where: { accountId_id: { accountId, id: input.id } }, select: { id: true } });
  } catch (error) {
    const violation = violationOf(error);
    if (violation?.kind === "foreign_key") throw new DomainError("CONFLICT", inUseProblem(before.name, [], violation));
    throw error;
  }
  await recordAudit(db, actor, {
    action: "department.delete",
    targetAccountId: accountId,
    details: { id: before.id, before: auditable(before) },
  });
  return { id: input.id };
}
