import type { Role } from "../auth/permissions";
import type { Problem } from "../domain-error";
import { problem } from "../domain-error";

/**
 * Who may change whose role or status, beyond the `users:write` permission every such change
 * needs (server/auth/permissions.ts). One place, pure, table-tested (role-rules.test.ts):
 * - only an owner grants, removes or changes the owner role, and only an owner deactivates or
 *   reactivates an owner (or resends an owner's invitation);
 * - an admin manages admins, managers and members;
 * - nobody changes their own role or deactivates themselves.
 * The last active owner is the database's rule (trigger users_keep_an_active_owner), because only
 * a lock makes it hold against concurrent changes.
 */

export type RoleChangeActor = { userId: string | null; role: Role };
export type RoleChangeTarget = { id: string; role: Role };

/** Whether `actor` may act on a person who has (or will have) `role`. */
export function mayManageRole(actor: Role, role: Role): boolean {
  if (role === "owner") return actor === "owner";
  return actor === "owner" || actor === "admin";
}

const OWNER_ONLY = "Only an owner can grant, remove or change the owner role.";

/** Inviting someone with `role`. */
export function inviteProblem(actor: RoleChangeActor, role: Role): Problem | null {
  if (!mayManageRole(actor.role, role)) return problem("owner_role_reserved", OWNER_ONLY, "role");
  return null;
}

/** Changing anything of `target` (their name too): only someone who may manage their role. */
export function editProblem(actor: RoleChangeActor, target: RoleChangeTarget): Problem | null {
  if (!mayManageRole(actor.role, target.role)) {
    return problem("owner_role_reserved", "Only an owner can change an owner.", "userId");
  }
  return null;
}

/** Changing `target`'s role to `role`. */
export function roleChangeProblem(actor: RoleChangeActor, target: RoleChangeTarget, role: Role): Problem | null {
  if (target.role === role) return null;
  if (target.id === actor.userId) {
    return problem("own_role", "You cannot change your own role; ask another owner or admin.", "role");
  }
  if (!mayManageRole(actor.role, target.role) || !mayManageRole(actor.role, role)) {
    return problem("owner_role_reserved", OWNER_ONLY, "role");
  }
  return null;
}

export type StatusChange = "deactivate" | "reactivate" | "resend";

/** Deactivating, reactivating, or resending the invitation of `target`. */
export function statusChangeProblem(
  actor: RoleChangeActor,
  target: RoleChangeTarget,
  change: StatusChange,
): Problem | null {
  if (change === "deactivate" && target.id === actor.userId) {
    return problem("own_status", "You cannot deactivate yourself; ask another owner or admin.", "userId");
  }
  if (!mayManageRole(actor.role, target.role)) {
    const what = { deactivate: "deactivate", reactivate: "reactivate", resend: "invite" }[change];
    return problem("owner_role_reserved", `Only an owner can ${what} an owner.`, "userId");
  }
  return null;
}
