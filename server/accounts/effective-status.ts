import type { TenantDb } from "../db/tenant";

export type AccountStatus = "active" | "suspended" | "closed";

/**
 * The status that holds for an account: its own unless it is active and an account above it is
 * not, in which case it is that account's status, with the account named in `by` (the topmost
 * such account: the one whose reactivation matters). The database applies the same rule to
 * sign-in and to sessions (account_chain_status, app_session).
 */
export type EffectiveStatus = { status: AccountStatus; by: { id: string; name: string } | null };

export type InactiveAccount = { id: string; name: string; status: AccountStatus };

/** Pure: `ancestors` from the root down; `inactive` holds the accounts known not to be active. */
export function effectiveStatus(
  own: AccountStatus,
  ancestors: readonly string[],
  inactive: ReadonlyMap<string, InactiveAccount>,
): EffectiveStatus {
  const topmost = ancestors.map((id) => inactive.get(id)).find((above) => above && above.status !== "active");
  return statusInEffect(own, topmost ?? null);
}

/** Pure: the status that holds, given the topmost account above that is not active, if any. */
export function statusInEffect(own: AccountStatus, topmostInactive: InactiveAccount | null): EffectiveStatus {
  if (own !== "active" || !topmostInactive) return { status: own, by: null };
  return { status: topmostInactive.status, by: { id: topmostInactive.id, name: topmostInactive.name } };
}

/**
 * The accounts among all these ancestors that are not active, in one query. Row-level security
 * shows the tenant only itself and the accounts below it, so nothing above the tenant is ever
 * named (those are active anyway, or the tenant's session would have ended).
 */
export async function inactiveAncestors(
  db: TenantDb,
  ancestorLists: readonly (readonly string[])[],
): Promise<Map<string, InactiveAccount>> {
  const ids = [...new Set(ancestorLists.flat())];
  if (ids.length === 0) return new Map();
  const rows = await db.account.findMany({
    where: { id: { in: ids }, status: { not: "active" } },
    select: { id: true, name: true, status: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}
