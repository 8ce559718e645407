import type { DepartmentOutput, DepartmentPageOutput } from "../api/schemas/departments.schema";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";

export function departmentNotFound(field = "id"): DomainError {
  return new DomainError("NOT_FOUND", problem("department_not_found", "There is no such department.", field));
}

/** The account's departments by name, a page at a time, with how many members each has. */
export async function listDepartments(
  db: TenantDb,
  accountId: string,
  query: { search?: string; page: number; pageSize: number },
): Promise<DepartmentPageOutput> {
  const where = {
    accountId,
    ...(query.search ? { name: { contains: query.search, mode: "insensitive" as const } } : {}),
  };
  // Sequential: `db` is one transaction, one connection.
  const total = await db.department.count({ where });
  const rows = await db.department.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (query.page - 1) * query.pageSize,
    take: query.pageSize,
    select: { id: true, name: true, ringStrategy: true, _count: { select: { members: true } } },
  });
  const account = await db.account.findFirstOrThrow({
    where: { id: accountId },
    select: { plan: { select: { name: true, maxDepartments: true } } },
  });
  return {
    accountId,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      ringStrategy: row.ringStrategy,
      memberCount: row._count.members,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    limit: { max: account.plan.maxDepartments, plan: account.plan.name },
  };
}

/** One department with its members in ring order; NOT_FOUND when it is not the account's. */
export async function getDepartment(db: TenantDb, accountId: string, id: string): Promise<DepartmentOutput> {
  const row = await db.department.findFirst({
    where: { accountId, id },
    select: {
      id: true,
      name: true,
      ringStrategy: true,
      createdAt: true,
      updatedAt: true,
      members: {
        orderBy: { position: "asc" },
        select: { user: { select: { id: true, name: true, email: true, status: true } } },
      },
    },
  });
  if (!row) throw departmentNotFound();
  return {
    id: row.id,
    name: row.name,
    ringStrategy: row.ringStrategy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    members: row.members.map(({ user }) => ({
      userId: user.id,
      name: user.name,
      email: user.email,
      status: user.status,
    })),
  };
}
