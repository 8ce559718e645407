/**
 * departments.*: ring groups with members who are users of the account, limited by the plan
 * (Starter 3) in the database, and refused deletion while something routes to them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { violationOf } from "@/server/db/violation";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase, createMemberUser, type DemoIds, deleteMemberUser } from "@/tests/helpers/demo-data";

const PREFIX = "Departments test ";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 8 }));
});

afterAll(async () => {
  await owner.schedule.deleteMany({ where: { name: { startsWith: PREFIX } } });
  await owner.department.deleteMany({ where: { name: { startsWith: PREFIX } } });
  await owner.$disconnect();
  await app.$disconnect();
});

const bistroOwner = () => callerAs(app, { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });

async function bistroDepartments() {
  return owner.department.findMany({ where: { accountId: ids.bistro.accountId }, orderBy: { name: "asc" } });
}

describe("departments", () => {
  it("are created with members in ring order, read, listed with counts, searched and paged", async () => {
    const caller = bistroOwner();
    const member = await createMemberUser(owner, ids.bistro.accountId, "departments");
    try {
      const created = await caller.departments.create({
        name: `${PREFIX}Front desk`,
        ringStrategy: "in_order",
        memberIds: [member.id, ids.bistro.ownerUserId],
      });
      expect(created).toMatchObject({
        name: `${PREFIX}Front desk`,
        ringStrategy: "in_order",
        members: [
          { userId: member.id, name: member.name, status: "active" },
          { userId: ids.bistro.ownerUserId, email: ids.bistro.ownerEmail },
        ],
      });
      const other = await caller.departments.create({ name: `${PREFIX}Kitchen` });
      expect(await caller.departments.get({ id: created.id })).toEqual(created);

      const page = await caller.departments.list({ search: "departments TEST", pageSize: 1 });
      expect(page).toMatchObject({
        accountId: ids.bistro.accountId,
        total: 2,
        page: 1,
        limit: { max: 3, plan: "Starter" },
        items: [{ id: created.id, memberCount: 2 }],
      });
      const second = await caller.departments.list({ search: "departments test", pageSize: 1, page: 2 });
      expect(second.items).toEqual([
        { id: other.id, name: `${PREFIX}Kitchen`, ringStrategy: "simultaneous", memberCount: 0 },
      ]);

      const updated = await caller.departments.update({
        id: created.id,
        name: `${PREFIX}Reception`,
        memberIds: [ids.bistro.ownerUserId],
      });
      expect(updated.members.map((each) => each.userId)).toEqual([ids.bistro.ownerUserId]);
      expect(updated.name).toBe(`${PREFIX}Reception`);
      const audit = await owner.auditEntry.findMany({
        where: { accountId: ids.bistro.accountId, action: { startsWith: "department." } },
        orderBy: { createdAt: "asc" },
      });
      const mine = audit.filter((entry) =>
        [created.id, other.id].some((id) => JSON.stringify(entry.details).includes(id)),
      );
      expect(mine.map((entry) => entry.action)).toEqual([
        "department.create",
        "department.create",
        "department.update",
      ]);

      await caller.departments.delete({ id: created.id });
      await caller.departments.delete({ id: other.id });
      expect(await owner.departmentMember.count({ where: { departmentId: created.id } })).toBe(0);
      expect(await trpcError(caller.departments.get({ id: created.id }))).toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await owner.department.deleteMany({ where: { name: { startsWith: PREFIX } } });
      await deleteMemberUser(owner, member);
    }
  });

  it("refuses a duplicate name at the field, writing nothing", async () => {
    const caller = bistroOwner();
    const first = await caller.departments.create({ name: `${PREFIX}Bar` });
    try {
      const before = await bistroDepartments();
      const error = await trpcError(caller.departments.create({ name: ` ${PREFIX}Bar ` }));
      expect(error.code).toBe("CONFLICT");
      expect(problemsOf(error)).toEqual([
        { reason: "name_taken", field: "name", message: expect.stringMatching(/already a department called/) },
      ]);
      const renamed = await caller.departments.create({ name: `${PREFIX}Terrace` });
      const clash = await trpcError(caller.departments.update({ id: renamed.id, name: `${PREFIX}Bar` }));
      expect(problemsOf(clash)[0]).toMatchObject({ reason: "name_taken", field: "name" });
      await caller.departments.delete({ id: renamed.id });
      expect(await bistroDepartments()).toEqual(before);
    } finally {
      await caller.departments.delete({ id: first.id });
    }
  });

  it("refuses a member of another tenant as NOT_FOUND at the field, and so does the database", async () => {
    const caller = bistroOwner();
    const clinicUser = ids["city-clinic"].ownerUserId;
    const before = await bistroDepartments();
    const error = await trpcError(
      caller.departments.create({ name: `${PREFIX}Intruders`, memberIds: [ids.bistro.ownerUserId, clinicUser] }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(problemsOf(error)).toEqual([
      { reason: "user_not_found", field: "memberIds.1", message: expect.any(String) },
    ]);
    expect(await bistroDepartments()).toEqual(before);

    const own = await caller.departments.create({ name: `${PREFIX}Own` });
    try {
      const refused = await trpcError(caller.departments.update({ id: own.id, memberIds: [clinicUser] }));
      expect(refused.code).toBe("NOT_FOUND");
      // Past the application: the composite foreign key (account_id, user_id) refuses the row.
      const direct = await owner.departmentMember
        .create({ data: { accountId: ids.bistro.accountId, departmentId: own.id, userId: clinicUser, position: 0 } })
        .catch((failure: unknown) => failure);
      expect(violationOf(direct)).toMatchObject({ kind: "foreign_key" });
      expect(await owner.departmentMember.count({ where: { departmentId: own.id } })).toBe(0);
    } finally {
      await caller.departments.delete({ id: own.id });
    }
  });

  it("refuses a deactivated member, and a role without departments:write", async () => {
    const member = await createMemberUser(owner, ids.bistro.accountId, "departments-role");
    try {
      const asMember = callerAs(app, { accountId: ids.bistro.accountId, userId: member.id });
      expect((await asMember.departments.list({})).accountId).toBe(ids.bistro.accountId);
      expect(await trpcError(asMember.departments.create({ name: `${PREFIX}Mine` }))).toMatchObject({
        code: "FORBIDDEN",
      });
      await owner.user.update({
        where: { accountId_id: { accountId: member.accountId, id: member.id } },
        data: { status: "deactivated" },
      });
      const error = await trpcError(
        bistroOwner().departments.create({ name: `${PREFIX}Gone`, memberIds: [member.id] }),
      );
      expect(problemsOf(error)).toEqual([
        { reason: "user_deactivated", field: "memberIds.0", message: expect.any(String) },
      ]);
    } finally {
      await deleteMemberUser(owner, member);
    }
  });

  it("lets concurrent creations on Starter together reach three departments and no more, then gives them back", async () => {
    const bistro = ids.bistro.accountId;
    const before = await owner.department.count({ where: { accountId: bistro } });
    const auditWhere = { accountId: bistro, action: "department.create" };
    const entriesBefore = await owner.auditEntry.count({ where: auditWhere });
    const attempts = 6;
    // Each its own signed-in request, so each runs in its own transaction.
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) =>
        bistroOwner().departments.create({ name: `${PREFIX}Concurrent ${index}` }),
      ),
    );
    try {
      const refused = results.filter((result) => result.status === "rejected");
      expect(results.length - refused.length).toBe(3 - before);
      for (const result of refused) {
        const error = (result as PromiseRejectedResult).reason;
        expect(error.code).toBe("FORBIDDEN");
        expect(problemsOf(error)).toEqual([
          {
            reason: "plan_limit",
            field: null,
            message: "The Starter plan allows 3 departments; upgrade the plan for more.",
          },
        ]);
      }
      expect(await owner.department.count({ where: { accountId: bistro } })).toBe(3);
      // The refused ones wrote nothing, not even an audit entry.
      expect(await owner.auditEntry.count({ where: auditWhere })).toBe(entriesBefore + 3 - before);
    } finally {
      for (const result of results) {
        if (result.status === "fulfilled") await bistroOwner().departments.delete({ id: result.value.id });
      }
    }
    expect(await owner.department.count({ where: { accountId: bistro } })).toBe(before);
  });

  it("refuses to delete a department a schedule routes to, naming the schedule", async () => {
    const caller = bistroOwner();
    const department = await caller.departments.create({ name: `${PREFIX}Routed` });
    const schedule = await caller.schedules.create({
      name: `${PREFIX}Lunch`,
      open: { kind: "department", id: department.id },
    });
    const error = await trpcError(caller.departments.delete({ id: department.id }));
    expect(error.code).toBe("CONFLICT");
    expect(problemsOf(error)).toEqual([
      {
        reason: "in_use",
        field: null,
        message: `${PREFIX}Routed is still used by the schedule ${PREFIX}Lunch; route those elsewhere first, then delete it.`,
      },
    ]);
    expect(await caller.departments.get({ id: department.id })).toMatchObject({ id: department.id });
    await caller.schedules.update({ id: schedule.id, open: null });
    await caller.departments.delete({ id: department.id });
    await caller.schedules.delete({ id: schedule.id });
  });

  it("refuses to delete a department a number or the default destination routes to (their foreign keys)", async () => {
    const caller = bistroOwner();
    const department = await caller.departments.create({ name: `${PREFIX}Numbered` });
    // A stand-in for numbers and the default destination (other parts' tables): a table whose
    // foreign key restricts the delete as theirs do.
    await owner.$executeRawUnsafe(`CREATE TABLE departments_test_routes (
      account_id uuid NOT NULL, department_id uuid,
      FOREIGN KEY (account_id, department_id) REFERENCES departments (account_id, id) ON DELETE RESTRICT)`);
    try {
      await owner.$executeRaw`INSERT INTO departments_test_routes VALUES (${ids.bistro.accountId}::uuid, ${department.id}::uuid)`;
      const error = await trpcError(caller.departments.delete({ id: department.id }));
      expect(error.code).toBe("CONFLICT");
      expect(problemsOf(error)).toEqual([
        {
          reason: "in_use",
          field: null,
          message: `${PREFIX}Numbered is still used by a number, a schedule or the default destination; route those elsewhere first, then delete it.`,
        },
      ]);
    } finally {
      await owner.$executeRawUnsafe("DROP TABLE departments_test_routes");
    }
    await caller.departments.delete({ id: department.id });
  });
});
