/**
 * Who may do what, in one place. Procedures name the permission they need (`tenantProcedure`),
 * pages ask `roleHas` to show or hide what a role cannot use; nothing compares role names.
 * Every permission is `<noun>:read` or `<noun>:write`, so that an API key's scopes are simply
 * permissions: a user's come from their role, a key's are the ones it was given.
 */
export const ROLES = ["owner", "admin", "manager", "member"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "account:read",
  "accounts:read",
  /** create and change accounts below one's own, and act as them ("open as", act-as tokens) */
  "accounts:write",
  "audit:read",
  /** branding and defaults of one's own account and the accounts below it */
  "settings:read",
  "settings:write",
  /** brand and SIP domains of one's own account and the accounts below it */
  "domains:read",
  "domains:write",
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
  /** the wallet and ledger of one's own account and of the accounts below it (read) */
  "billing:read",
  /** top-ups, refunds, adjustments and credit limits of one's own children; low-balance alerts of one's own account and children */
  "billing:write",
  /** the account's API keys; a key never holds these (people manage keys) */
  "keys:read",
  "keys:write",
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

/** What an API key may be given: everything but managing keys, so a leaked key cannot mint more. */
export const KEY_SCOPES = PERMISSIONS.filter((permission) => !permission.startsWith("keys:"));
export type KeyScope = (typeof KEY_SCOPES)[number];

export function isKeyScope(permission: string): permission is KeyScope {
  return (KEY_SCOPES as readonly string[]).includes(permission);
}

/** The permissions of a role, as a principal carries them. */
export function permissionsOfRole(role: Role): ReadonlySet<Permission> {
  return new Set(GRANTS[role]);
}

/** The read half of a set of scopes: what a read-only key built from them may do. */
export function readOnly(permissions: Iterable<Permission>): Permission[] {
  return [...permissions].filter((permission) => permission.endsWith(":read"));
}
