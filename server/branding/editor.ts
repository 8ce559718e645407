import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { type InheritableSettings, loadBrandingChain } from "../tenancy/branding";
import { type Inherited, resolveInherited } from "../tenancy/inheritance";
import { colourContrastProblems } from "./contrast";
import { type BrandingChanges, EDITABLE_FIELDS, type EditableField } from "./fields";
import { storeLogo } from "./logo";

export type EditorField<K extends EditableField> = {
  /** The account's own value; null when it inherits. */
  own: InheritableSettings[K] | null;
  /** What applies now, and where it comes from. */
  effective: Inherited<InheritableSettings[K]>;
  /** What would apply after "reset to inherited": the nearest ancestor's value, or the platform's. */
  inherited: Inherited<InheritableSettings[K]>;
};

export type BrandingEditor = {
  account: { id: string; slug: string; name: string; isOwn: boolean };
  fields: { [K in EditableField]: EditorField<K> };
};

/** The branding and defaults of the tenant's own account or one below it, as the editor shows them. */
export async function getBrandingEditor(db: TenantDb, tenantId: string, accountId: string): Promise<BrandingEditor> {
  const account = await requireOwnOrBelow(db, tenantId, accountId);
  const { chain, platform } = await loadBrandingChain(db, account.id);
  const effective = resolveInherited(chain, platform);
  const inherited = resolveInherited(
    chain.filter((link) => link.depth > 0),
    platform,
  );
  const own = chain.find((link) => link.depth === 0)?.values ?? {};
  const fields = Object.fromEntries(
    EDITABLE_FIELDS.map((key) => [
      key,
      { own: own[key] ?? null, effective: effective[key], inherited: inherited[key] },
    ]),
  ) as BrandingEditor["fields"];
  return {
    account: { id: account.id, slug: account.slug, name: account.name, isOwn: account.id === tenantId },
    fields,
  };
}

type OwnValues = { [K in EditableField]: InheritableSettings[K] | null };

/**
 * Overrides or resets (null) branding and default fields of the tenant's own account or one below
 * it, and stores a new logo, all in the request's transaction with one audit entry. Colours that
 * would make text unreadable are refused, with the contrast found and the one needed.
 */
export async function updateBranding(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; changes: BrandingChanges; logo?: Uint8Array },
): Promise<BrandingEditor> {
  const account = await requireOwnOrBelow(db, actor.accountId, input.accountId);
  if (account.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${account.name} is closed; its branding can no longer change.`, "accountId"),
    );
  }
  const { changes } = input;
  if (input.logo && changes.logoUrl === null) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("logo_upload_and_reset", "Upload a new logo or reset it to the inherited one, not both.", "logo"),
    );
  }
  const contrast = colourContrastProblems({
    primaryColor: changes.primaryColor ?? undefined,
    accentColor: changes.accentColor ?? undefined,
  });
  if (contrast.length > 0) {
    throw new DomainError(
      "BAD_REQUEST",
      contrast.map(({ field, message }) => problem("low_contrast", message, `changes.${field}`)),
    );
  }

  const before: OwnValues = {
    brandName: account.brandName,
    logoUrl: account.logoUrl,
    primaryColor: account.primaryColor,
    accentColor: account.accentColor,
    supportEmail: account.supportEmail,
    supportPhone: account.supportPhone,
    timezone: account.timezone,
    language: account.language,
    voiceGender: account.voiceGender,
    defaultCidNumber: account.defaultCidNumber,
    didDefaultDestKind: account.didDefaultDestKind,
    didDefaultDestId: account.didDefaultDestId,
    country: account.country,
  };
  const { didDefaultDest, ...plain } = changes;
  const after: Partial<OwnValues> = { ...plain };
  if (didDefaultDest !== undefined) {
    after.didDefaultDestKind = didDefaultDest?.kind ?? null;
    after.didDefaultDestId = didDefaultDest?.id ?? null;
  }
  if (input.logo) after.logoUrl = await storeLogo(db, account.id, input.logo);

  const change = changedFields(before, after);
  if (Object.keys(change.after).length > 0) {
    await db.account.update({ where: { id: account.id }, data: change.after });
    await recordAudit(db, actor, { action: "branding.update", targetAccountId: account.id, details: change });
  }
  return getBrandingEditor(db, actor.accountId, account.id);
}
