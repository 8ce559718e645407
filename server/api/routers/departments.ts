import { memberOptions } from "../../departments/member-options";
import { getDepartment, listDepartments } from "../../departments/read";
import { createDepartment, deleteDepartment, updateDepartment } from "../../departments/write";
import {
  CreateDepartmentInput,
  DeleteDepartmentInput,
  DeletedOutput,
  DepartmentOutput,
  DepartmentPageOutput,
  GetDepartmentInput,
  ListDepartmentsInput,
  MemberOptionsOutput,
  UpdateDepartmentInput,
} from "../schemas/departments.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

export const departmentsRouter = createTRPCRouter({
  /** The account's departments by name, searched and a page at a time, with member counts. */
  list: tenantProcedure("departments:read")
    .meta({ openapi: { method: "GET", path: "/departments", tags: ["departments"], summary: "List departments" } })
    .input(ListDepartmentsInput)
    .output(DepartmentPageOutput)
    .query(({ ctx, input }) => listDepartments(ctx.db, ctx.accountId, input)),

  /** One department with its members in ring order. */
  get: tenantProcedure("departments:read")
    .meta({ openapi: { method: "GET", path: "/departments/{id}", tags: ["departments"], summary: "Get a department" } })
    .input(GetDepartmentInput)
    .output(DepartmentOutput)
    .query(({ ctx, input }) => getDepartment(ctx.db, ctx.accountId, input.id)),

  /** Who can be made a member: the account's users who are not deactivated. */
  memberOptions: tenantProcedure("departments:read")
    .output(MemberOptionsOutput)
    .query(({ ctx }) => memberOptions(ctx.db, ctx.accountId)),

  /** A new department, within the plan's limit. */
  create: tenantProcedure("departments:write")
    .meta({ openapi: { method: "POST", path: "/departments", tags: ["departments"], summary: "Create a department" } })
    .input(CreateDepartmentInput)
    .output(DepartmentOutput)
    .mutation(({ ctx, input }) => createDepartment(ctx.db, actorOf(ctx), input)),

  /** Renames a department, or changes how it rings and who is in it. */
  update: tenantProcedure("departments:write")
    .meta({
      openapi: { method: "PATCH", path: "/departments/{id}", tags: ["departments"], summary: "Change a department" },
    })
    .input(UpdateDepartmentInput)
    .output(DepartmentOutput)
    .mutation(({ ctx, input }) => updateDepartment(ctx.db, actorOf(ctx), input)),

  /** Deletes a department nothing routes to any more. */
  delete: tenantProcedure("departments:write")
    .meta({
      openapi: { method: "DELETE", path: "/departments/{id}", tags: ["departments"], summary: "Delete a department" },
    })
    .input(DeleteDepartmentInput)
    .output(DeletedOutput)
    .mutation(({ ctx, input }) => deleteDepartment(ctx.db, actorOf(ctx), input)),
});
