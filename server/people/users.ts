import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { Role } from "../auth/permissions";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, type Problem, problem } from "../domain-error";
import { withPlanLimits } from "../plans/limit-error";
import { withLastOwnerRule } from "./last-owner";
import { editProblem, inviteProblem, roleChangeProblem, type StatusChange, statusChangeProblem } from "./role-rules";

/** Who acts on the account's people: the audit actor and the role they act with. */
export type PeopleActor = Actor & { role: Role };

export type UserStatus = "invited" | "active" | "deactivated";

export type Person = {
  accountId: string;
  id: string;
  name: string;
  email: string;
  role: Role;
  status: UserStatus;
  createdAt: Date;
};

const PERSON = {
  accountId: true,
  id: true,
  name: true,
  email: true,
  role: true,
  status: true,
  createdAt: true,
} as const;

export const USER_NOT_FOUND = "There is no such user in this account.";

/** The account's people, by e-mail address, a page at a time; search by name or e-mail address. */
export async function listUsers(
  db: TenantDb,
  accountId: string,
  input: { search?: string; status?: UserStatus; cursor?: string; limit: number },
): Promise<{ items: Person[]; nextCursor: string | null }> {
  const rows = await db.user.findMany({
    where: {
      accountId,
      ...(input.status ? { status: input.status } : {}),
      ...(input.cursor ? { email: { gt: input.cursor } } : {}),
      ...(input.search
        ? {
            OR: [
              { name: { contains: input.search, mode: "insensitive" } },
              { email: { contains: input.search.toLowerCase() } },
            ],
          }
        : {}),
    },
    select: PERSON,
    orderBy: { email: "asc" },
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? last.email : null };
}

/** One person of the account, or NOT_FOUND (also for another account's user). */
export async function getUser(db: TenantDb, accountId: string, userId: string): Promise<Person> {
  const person = await db.user.findFirst({ where: { accountId, id: userId }, select: PERSON });
  if (!person) throw new DomainError("NOT_FOUND", problem("user_not_found", USER_NOT_FOUND, "userId"));
  return person;
}

function refuse(found: Problem | null): void {
  if (found) throw new DomainError("FORBIDDEN", found);
}

function emailTaken(email: string, status?: UserStatus): DomainError {
  const hint = status === "deactivated" ? " They are deactivated: reactivate them instead." : "";
  return new DomainError(
    "CONFLICT",
    problem("email_taken", `This account already has a user with the email address ${email}.${hint}`, "email"),
  );
}

/**
 * Creates an `invited` user (no password until they accept the invitation). The plan's user limit
 * is the database's (trigger users_plan_limit); a refusal writes nothing. invite.ts sends the
 * invitation in the same transaction.
 */
export async function createInvitedUser(
  db: TenantDb,
  actor: PeopleActor,
  input: { email: string; name: string; role: Role },
): Promise<Person> {
  refuse(inviteProblem(actor, input.role));
  const existing = await db.user.findFirst({
    where: { accountId: actor.accountId, email: input.email },
    select: { status: true },
  });
  if (existing) throw emailTaken(input.email, existing.status);
  const person = await withPlanLimits(
    () =>
      db.user
        .create({
          data: {
            accountId: actor.accountId,
            email: input.email,
            name: input.name,
            role: input.role,
            status: "invited",
          },
          select: PERSON,
        })
        .catch((error: unknown) => {
          // Another request invited the same address between the check above and this insert.
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
            throw emailTaken(input.email);
          }
          throw error;
        }),
    "email",
  );
  await recordAudit(db, actor, {
    action: "user.invite",
    targetAccountId: actor.accountId,
    details: { userId: person.id, after: { email: person.email, name: person.name, role: person.role } },
  });
  return person;
}

/** Renames a person or changes their role (role-rules.ts; the last active owner stays one). */
export async function updateUser(
  db: TenantDb,
  actor: PeopleActor,
  input: { userId: string; name?: string; role?: Role },
): Promise<Person> {
  const target = await getUser(db, actor.accountId, input.userId);
  if (input.role !== undefined) refuse(roleChangeProblem(actor, target, input.role));
  refuse(editProblem(actor, target));
  const change = changedFields({ name: target.name, role: target.role }, { name: input.name, role: input.role });
  if (Object.keys(change.after).length === 0) return target;
  const updated = await withLastOwnerRule(
    () =>
      db.user.update({
        where: { accountId_id: { accountId: actor.accountId, id: target.id } },
        data: change.after,
        select: PERSON,
      }),
    "role",
  );
  await recordAudit(db, actor, {
    action: "user.update",
    targetAccountId: actor.accountId,
    details: { userId: target.id, email: target.email, ...change },
  });
  return updated;
}

/**
 * Deactivates a person: they cannot sign in, and the database ends their sessions at once
 * (trigger users_end_sessions_on_deactivation). Their seat is free again. Deactivating an invited
 * person withdraws the invitation. Already deactivated: nothing changes.
 */
export async function deactivateUser(db: TenantDb, actor: PeopleActor, userId: string): Promise<Person> {
  const target = await getUser(db, actor.accountId, userId);
  if (target.status === "deactivated") return target;
  refuse(statusChangeProblem(actor, target, "deactivate"));
  return setStatus(db, actor, target, "deactivated", "user.deactivate");
}

/**
 * Brings a deactivated person back: active again if they had set a password, otherwise invited
 * again. They take a seat, so the plan's user limit applies (the database's, as for invitations).
 */
export async function reactivateUser(db: TenantDb, actor: PeopleActor, userId: string): Promise<Person> {
  const target = await getUser(db, actor.accountId, userId);
  if (target.status !== "deactivated") return target;
  refuse(statusChangeProblem(actor, target, "reactivate"));
  const credentials = await db.user.findFirst({
    where: { accountId: actor.accountId, id: target.id },
    select: { passwordHash: true },
  });
  const status = credentials?.passwordHash ? "active" : "invited";
  return withPlanLimits(() => setStatus(db, actor, target, status, "user.reactivate"), "userId");
}

/** Checks that `userId` is an invited person whose invitation the actor may send again (invite.ts sends it). */
export async function invitedUserForResend(db: TenantDb, actor: PeopleActor, userId: string): Promise<Person> {
  const target = await getUser(db, actor.accountId, userId);
  if (target.status !== "invited") {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "not_invited",
        `${target.name} is ${target.status}, not invited: there is no invitation to send.`,
        "userId",
      ),
    );
  }
  refuse(statusChangeProblem(actor, target, "resend" satisfies StatusChange));
  return target;
}

async function setStatus(
  db: TenantDb,
  actor: PeopleActor,
  target: Person,
  status: UserStatus,
  action: "user.deactivate" | "user.reactivate",
): Promise<Person> {
  const updated = await withLastOwnerRule(
    () =>
      db.user.update({
        where: { accountId_id: { accountId: actor.accountId, id: target.id } },
        data: { status },
        select: PERSON,
      }),
    "userId",
  );
  await recordAudit(db, actor, {
    action,
    targetAccountId: actor.accountId,
    details: { userId: target.id, email: target.email, before: { status: target.status }, after: { status } },
  });
  return updated;
}
