/**
 * What a key may be given: its scopes are permissions an API key may hold (KEY_SCOPES) that the
 * person making it holds too, so nobody mints a key stronger than themselves (and no key ever
 * manages keys). The page's presets and its checkboxes are drawn from the same list.
 */
import { KEY_SCOPES, type KeyScope, type Permission, readOnly } from "../auth/permissions";
import { DomainError, problem } from "../domain-error";

/** The scopes a person with `permissions` may give a key, in the permissions' own order. */
export function grantableScopes(permissions: ReadonlySet<Permission>): KeyScope[] {
  return KEY_SCOPES.filter((scope) => permissions.has(scope));
}

/** The page's two presets: read only, or everything the person may grant. */
export function scopePresets(grantable: readonly KeyScope[]): { read: KeyScope[]; write: KeyScope[] } {
  const reads = new Set<Permission>(readOnly(grantable));
  return { read: grantable.filter((scope) => reads.has(scope)), write: [...grantable] };
}

/** Scopes grouped by their noun (`extensions` holds `extensions:read` and `extensions:write`). */
export function scopesByNoun(scopes: readonly KeyScope[]): { noun: string; scopes: KeyScope[] }[] {
  const groups = new Map<string, KeyScope[]>();
  for (const scope of scopes) {
    const noun = scope.slice(0, scope.indexOf(":"));
    groups.set(noun, [...(groups.get(noun) ?? []), scope]);
  }
  return [...groups].map(([noun, members]) => ({ noun, scopes: members }));
}

/**
 * `requested`, without repeats and in the canonical order, when every one of them is grantable;
 * otherwise `scope_not_grantable` at `scopes`, naming what the person may not give.
 */
export function checkScopes(requested: readonly string[], grantable: readonly KeyScope[]): KeyScope[] {
  const allowed = new Set<string>(grantable);
  const refused = [...new Set(requested.filter((scope) => !allowed.has(scope)))];
  if (refused.length > 0) {
    throw new DomainError(
      "FORBIDDEN",
      problem(
        "scope_not_grantable",
        `You cannot give a key ${refused.join(", ")}: a key gets only permissions you have yourself.`,
        "scopes",
      ),
    );
  }
  const wanted = new Set(requested);
  const scopes = grantable.filter((scope) => wanted.has(scope));
  if (scopes.length === 0) {
    throw new DomainError("BAD_REQUEST", problem("required", "Give the key at least one permission.", "scopes"));
  }
  return scopes;
}
