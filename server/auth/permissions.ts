/**
 * Who may do what, in one place. Procedures name the permission they need (`tenantProcedure`),
 * pages ask `roleHas` to show or hide what a role cannot use; nothing compares role names.
 * New permissions are `<noun>:read` / `<noun>:write`, so that an API key's scopes can be permissions.
 */
export const ROLES = ["owner", "admin", "manager", "member"] as const;
export type Role = (typeof ROLES)[number];

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
  /** the people of the account */
  "users:read",
  /** invite, change the role of, deactivate and reactivate people (owners: see server/people) */
  "users:write",
  /** extensions and their devices (SIP identities) */
  "extensions:read",
  "extensions:write",
  /** the account's numbers and where they route; for a reseller, assigning numbers below it */
  "numbers:read",
  "numbers:write",
  /** departments (ring groups) and their members */
  "departments:read",
  "departments:write",
  /** opening hours and holidays */
  "schedules:read",
  "schedules:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What the phone system's readers may see: everyone in the account. */
const PHONE_SYSTEM_READ: readonly Permission[] = [
  "account:read",
  "users:read",
  "extensions:read",
  "numbers:read",
  "departments:read",
  "schedules:read",
];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS,
  /** runs the phone system; does not manage people, settings, domains or other accounts */
  manager: [
    ...PHONE_SYSTEM_READ,
    "audit:read",
    "extensions:write",
    "numbers:write",
    "departments:write",
    "schedules:write",
  ],
  member: PHONE_SYSTEM_READ,
};

export function roleHas(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
