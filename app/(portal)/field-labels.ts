import { LIMIT_LABELS } from "@/server/accounts/limits";
import { SETTING_LABELS } from "@/server/settings/registry";

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What each stored field is called on screen (the audit log's column names): settings take their
 * labels from the registry, as the editor does, so a field has one name everywhere.
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: "Name",
  slug: "Slug",
  parentId: "Parent account",
  planId: "Plan",
  isReseller: "Reseller",
  status: "Status",
  maxIn: capitalised(LIMIT_LABELS.maxIn),
  maxOut: capitalised(LIMIT_LABELS.maxOut),
  maxDialer: capitalised(LIMIT_LABELS.maxDialer),
  // Every setting, as the registry names it.
  ...SETTING_LABELS,
  // Entries of the audit log written before the default destination became a reference.
  didDefaultDest: "Unrouted numbers go to",
  didDefaultDestKind: "Unrouted numbers go to (kind)",
  didDefaultDestId: "Unrouted numbers go to (destination)",
  callRecording: "Call recording",
  voicemailTranscription: "AI transcription of voicemail",
  hostname: "Host name",
  kind: "Kind",
  isPrimary: "Primary",
  prefix: "Key",
  scopes: "Permissions",
  expiresAt: "Expires",
  primaryBrandDomain: "Primary brand domain",
  primarySipDomain: "Primary SIP domain",
  host: "Portal address",
  ringStrategy: "Ringing",
  members: "Members",
  hours: "Opening hours",
  holidays: "Holidays",
  open: "While open, calls go to",
  closed: "While closed, calls go to",
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
