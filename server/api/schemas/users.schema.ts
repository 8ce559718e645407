import { z } from "zod";
import { ROLES } from "../../auth/permissions";
import { pageLimit } from "./page-limit";
import { cursorText, nameText, plainText } from "./text";

export const USER_STATUSES = ["invited", "active", "deactivated"] as const;

export const UserEmail = plainText({ label: "The email address", max: 254, required: "Enter an email address" })
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }));
export const PersonName = nameText({ label: "The name", max: 120, required: "Enter a name" });
const RoleInput = z.enum(ROLES, { message: "Choose a role: owner, admin, manager or member" });
const UserId = z.uuid({ message: "userId must be a user id" });

/** A page's last e-mail address: the list is ordered by it (unique within an account). */
export function isUsersCursor(cursor: string): boolean {
  return z.email().safeParse(cursor).success && cursor === cursor.toLowerCase();
}

export const ListUsersInput = z.object({
  /** Name or e-mail address contains this (any case). */
  search: plainText({ label: "Search", max: 80 })
    .optional()
    .transform((value) => (value ? value : undefined)),
  status: z.enum(USER_STATUSES, { message: "status is invited, active or deactivated" }).optional(),
  cursor: cursorText(isUsersCursor).optional(),
  limit: pageLimit(25),
});

export const GetUserInput = z.object({ userId: UserId });

export const InviteUserInput = z.object({ email: UserEmail, name: PersonName, role: RoleInput });

export const UpdateUserInput = z
  .object({ userId: UserId, name: PersonName.optional(), role: RoleInput.optional() })
  .refine((input) => input.name !== undefined || input.role !== undefined, {
    message: "Nothing to change: give a name or a role",
  });

export const UserOutput = z.object({
  accountId: z.uuid(),
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  createdAt: z.date(),
});

export const ListUsersOutput = z.object({
  items: z.array(UserOutput),
  nextCursor: z.string().nullable(),
});
