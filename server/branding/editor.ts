import { requireOwnOrBelow } from "../accounts/scope";
import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { listDestinations } from "../routing/destinations";
import { type DestinationOption, type DestinationRef, destinationText } from "../settings/destination";
import { CHANGEABLE_KEYS, type ChangeableKey, type InheritableSettings, writeStored } from "../settings/registry";
import { loadBrandingChain, resolveSettings } from "../tenancy/branding";
import type { Inherited } from "../tenancy/inheritance";
import { colourContrastProblems } from "./contrast";
import { type BrandingChanges, EDITABLE_FIELDS, type EditableField } from "./fields";
import { storeLogo } from "./logo";

export type EditorField<K extends EditableField> = {
  /** The account's own value; null when it inherits (or, for what does not inherit, has none). */
  own: InheritableSettings[K] | null;
  /** What applies now, and where it comes from. */
  effective: Inherited<InheritableSettings[K]>;
  /** What would apply after "reset to inherited": the nearest ancestor's value, or the platform's. */
  inherited: Inherited<InheritableSettings[K]>;
};

export type BrandingEditor = {
  account: { id: string; slug: string; name: string; isOwn: boolean };
  fields: { [K in EditableField]: EditorField<K> };
  /** The account's own destinations; null when the tenant edits an account below it. */
  destinations: DestinationOption[] | null;
};

/** The settings of the tenant's own account or one below it, as the editor shows them. */
export async function getBrandingEditor(db: TenantDb, tenantId: string, accountId: string): Promise<BrandingEditor> {
  const account = await requireOwnOrBelow(db, tenantId, accountId);
  const { chain, platform } = await loadBrandingChain(db, account.id);
  const effective = resolveSettings(chain, platform);
  const inherited = resolveSettings(
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
  const isOwn = account.id === tenantId;
  return {
    account: { id: account.id, slug: account.slug, name: account.name, isOwn },
    fields,
    destinations: isOwn ? await listDestinations(db, account.id) : null,
  };
}

/** `default_extension_id` -> `defaultExtensionId`: the generated client's name for a column. */
const fieldOfColumn = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

const destinationLabel = (ref: DestinationRef, options: readonly DestinationOption[] | null) => {
  const option = options?.find((each) => each.kind === ref.kind && each.id === ref.id);
  return option ? destinationText(option) : `${ref.kind} ${ref.id}`;
};

/** A value as the audit log keeps it: plain JSON, a destination by its label. */
function auditValue(value: unknown, options: readonly DestinationOption[] | null): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return destinationLabel(value as DestinationRef, options);
  return value as Prisma.InputJsonValue;
}

/**
 * Overrides or resets (null) settings of the tenant's own account or one below it, and stores a
 * new logo, all in the request's transaction with one audit entry. Colours that would make text
 * unreadable are refused, with the contrast found and the one needed; a default destination must
 * be one of the account's own, set by the account itself (the database refuses any other row).
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
  const isOwn = account.id === actor.accountId;
  const destinations = isOwn ? await listDestinations(db, account.id) : null;
  if (changes.defaultDestination) {
    const wanted = changes.defaultDestination;
    if (!destinations) {
      throw new DomainError(
        "FORBIDDEN",
        problem(
          "destination_not_own",
          `${account.name} chooses where its unrouted numbers go in its own settings (open it as ${account.name}).`,
          "changes.defaultDestination",
        ),
      );
    }
    if (!destinations.some((option) => option.kind === wanted.kind && option.id === wanted.id)) {
      throw new DomainError(
        "NOT_FOUND",
        problem(
          "destination_not_found",
          `There is no such ${wanted.kind} in ${account.name}; choose one from the list.`,
          "changes.defaultDestination.id",
        ),
      );
    }
  }

  const { chain } = await loadBrandingChain(db, account.id);
  const own = chain.find((link) => link.depth === 0)?.values ?? {};
  const changed = CHANGEABLE_KEYS.filter((key) => changes[key] !== undefined);
  const before: Record<string, Prisma.InputJsonValue | null> = {};
  const after: Record<string, Prisma.InputJsonValue | null> = {};
  const data: Record<string, unknown> = {};
  for (const key of changed) {
    before[key] = auditValue(own[key], destinations);
    after[key] = auditValue(changes[key], destinations);
    for (const [column, value] of Object.entries(writeStored(key as ChangeableKey, changes[key]))) {
      data[fieldOfColumn(column)] = value;
    }
  }
  if (changes.logoUrl === null) {
    before.logoUrl = auditValue(own.logoUrl, null);
    after.logoUrl = null;
    data.logoUrl = null;
  }
  if (input.logo) {
    const logoUrl = await storeLogo(db, account.id, input.logo);
    before.logoUrl = auditValue(own.logoUrl, null);
    after.logoUrl = logoUrl;
    data.logoUrl = logoUrl;
  }

  const change = changedFields(before, after);
  if (Object.keys(change.after).length > 0) {
    const columns = Object.keys(change.after).flatMap((key) =>
      key === "logoUrl" ? ["logoUrl"] : Object.keys(writeStored(key as ChangeableKey, null)).map(fieldOfColumn),
    );
    await db.account.update({
      where: { id: account.id },
      data: Object.fromEntries(columns.map((column) => [column, data[column]])) as Prisma.AccountUpdateInput,
    });
    await recordAudit(db, actor, { action: "branding.update", targetAccountId: account.id, details: change });
  }
  return getBrandingEditor(db, actor.accountId, account.id);
}
