/**
 * What each audit action means, in the words the audit page uses. Every action a service records
 * is listed here; audit-actions.test.ts checks the names against the database's own rule.
 */
export const AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  "auth.sign_in": "Signed in",
  "account.create": "Created an account",
  "account.update": "Changed an account",
  "account.suspend": "Suspended an account",
  "account.reactivate": "Reactivated an account",
  "account.close": "Closed an account",
  "account.open_as": "Opened an account (open as)",
  "account.acted_as": "Acted for an account (act-as token)",
  "domain.added": "Added a domain",
  "domain.removed": "Removed a domain",
  "domain.primary_changed": "Changed a primary domain",
  "domain.verified": "Verified a domain",
  "domain.claim_released": "Lost an unverified domain claim",
  "branding.update": "Changed branding or defaults",
  "features.update": "Switched a plan feature on or off",
  "number.added_to_pool": "Added a number to a pool",
  "number.assigned": "Assigned a number",
  "number.taken_back": "Took a number back",
  "number.routed": "Changed where a number routes",
  "department.create": "Created a department",
  "department.update": "Changed a department",
  "department.delete": "Deleted a department",
  "schedule.create": "Created a schedule",
  "schedule.update": "Changed a schedule",
  "schedule.delete": "Deleted a schedule",
  "user.invite": "Invited a user",
  "user.update": "Changed a user",
  "user.deactivate": "Deactivated a user",
  "user.reactivate": "Reactivated a user",
  "user.invitation_sent": "Sent an invitation",
  "user.invitation_accepted": "Accepted an invitation",
  "user.password_reset_requested": "Asked for a password reset",
  "user.password_reset": "Reset a password by e-mail",
  "user.password_changed": "Changed their password",
  "user.profile_updated": "Changed their name",
  "extension.created": "Created an extension",
  "extension.updated": "Changed an extension",
  "extension.deleted": "Deleted an extension",
  "device.created": "Added a device",
  "device.secret_regenerated": "Regenerated a device's SIP password",
  "device.disabled": "Disabled a device",
  "device.enabled": "Enabled a device",
  "device.updated": "Changed a device",
  "device.deleted": "Deleted a device",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTIONS[action] ?? action;
}
