import { z } from "zod";
import { queryNumber } from "./rest-input";
import { nameText } from "./text";

export const RING_STRATEGIES = ["simultaneous", "in_order"] as const;

const DepartmentId = z.uuid({ message: "id must be a department id" });
const DepartmentName = nameText({ label: "The name", max: 80, required: "Enter a name for the department" });
const RingStrategy = z.enum(RING_STRATEGIES, { message: "Ring all members at once or one after another" });
/** The members in ring order: users of the account, each once. */
const MemberIds = z
  .array(z.uuid({ message: "Each member must be a user id" }), { message: "memberIds must be a list of user ids" })
  .max(100, "A department has at most 100 members.")
  .refine((ids) => new Set(ids).size === ids.length, {
    message: "Each person can be a member once.",
    params: { reason: "duplicate_member" },
  });

export const ListDepartmentsInput = z.object({
  search: nameText({ label: "Search", max: 80 }).optional(),
  page: queryNumber("page must be a number").int().min(1).max(10_000).default(1),
  pageSize: queryNumber("pageSize must be a number").int().min(1).max(100).default(20),
});

export const GetDepartmentInput = z.object({ id: DepartmentId });

export const CreateDepartmentInput = z.object({
  name: DepartmentName,
  ringStrategy: RingStrategy.default("simultaneous"),
  memberIds: MemberIds.default([]),
});

export const UpdateDepartmentInput = z.object({
  id: DepartmentId,
  name: DepartmentName.optional(),
  ringStrategy: RingStrategy.optional(),
  memberIds: MemberIds.optional(),
});

export const DeleteDepartmentInput = z.object({ id: DepartmentId });

const Member = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  status: z.enum(["invited", "active", "deactivated"]),
});

export const DepartmentOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  ringStrategy: RingStrategy,
  members: z.array(Member),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type DepartmentOutput = z.infer<typeof DepartmentOutput>;

export const DepartmentPageOutput = z.object({
  /** The tenant the page belongs to. */
  accountId: z.uuid(),
  items: z.array(
    z.object({ id: z.uuid(), name: z.string(), ringStrategy: RingStrategy, memberCount: z.number().int() }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The plan's limit on departments (null: unlimited) and the plan's name. */
  limit: z.object({ max: z.number().int().nullable(), plan: z.string() }),
});
export type DepartmentPageOutput = z.infer<typeof DepartmentPageOutput>;

export const DeletedOutput = z.object({ id: z.uuid() });

export const MemberOptionsOutput = z.object({
  accountId: z.uuid(),
  users: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      email: z.string(),
      status: z.enum(["invited", "active", "deactivated"]),
    }),
  ),
});
