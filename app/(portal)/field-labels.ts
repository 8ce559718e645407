import { LIMIT_LABELS } from "@/server/accounts/limits";

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What each stored field is called on screen: the branding editor's labels and the audit log's
 * column names come from here, so a field has one name everywhere.
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
  brandName: "Brand name",
  logoUrl: "Logo",
  primaryColor: "Primary colour",
  accentColor: "Accent colour",
  supportEmail: "Support e-mail",
  supportPhone: "Support phone",
  timezone: "Time zone",
  language: "Language",
  voiceGender: "Voice",
  defaultCidNumber: "Default caller ID",
  didDefaultDest: "Unrouted numbers go to",
  didDefaultDestKind: "Unrouted numbers go to (kind)",
  didDefaultDestId: "Unrouted numbers go to (destination)",
  country: "Country",
  hostname: "Host name",
  kind: "Kind",
  isPrimary: "Primary",
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
