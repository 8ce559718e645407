/** What each role may do. Procedures name the permission they need; roles grant them. */
export const PERMISSIONS = [
  "account:read",
  "accounts:read",
  "accounts:manage",
  /** open the portal as an account below one's own ("open as") */
  "accounts:open",
  "audit:read",
  /** branding and defaults of one's own account and the accounts below it */
  "settings:manage",
  /** brand and SIP domains of one's own account and the accounts below it */
  "domains:manage",
] as const;
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
