/** What each role may do. Procedures name the permission they need; roles grant them. */
export const PERMISSIONS = ["account:read", "accounts:read", "accounts:manage", "audit:read"] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type Role = "owner" | "admin" | "member";

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  member: ["account:read"],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
