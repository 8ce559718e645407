import { planEachTime, type SqlReader } from "../db/sql-reader";
import { Prisma } from "../db/types";
import { SLUG_PATTERN } from "../tenancy/slug";
import { type EffectiveStatus, statusInEffect } from "./effective-status";

export type ChildAccount = {
  id: string;
  slug: string;
  name: string;
  isReseller: boolean;
  status: "active" | "suspended" | "closed";
  /** What holds for it: its own status, or a suspended account's above it (named). */
  effectiveStatus: EffectiveStatus;
  planName: string;
  brandDomain: string | null;
  childCount: number;
  parent: { id: string; slug: string; name: string } | null;
  limits: { maxIn: number; maxOut: number; maxDialer: number };
};

/** A row of the page query, as PostgreSQL returns it (the parent is null when it is not visible). */
type ChildRow = {
  id: string;
  slug: string;
  name: string;
  is_reseller: boolean;
  status: ChildAccount["status"];
  /** The topmost account above it (that the tenant can see) that is not active, if any. */
  above_id: string | null;
  above_name: string | null;
  above_status: ChildAccount["status"] | null;
  max_in: number;
  max_out: number;
  max_dialer: number;
  plan_name: string;
  parent_id: string | null;
  parent_slug: string | null;
  parent_name: string | null;
  brand_domain: string | null;
};

/** A row of the scoped page query: the scope, and a child (all null when the page is empty). */
type ScopedChildRow = { scope_id: string; scope_slug: string; scope_name: string } & (
  | ChildRow
  | { [K in keyof ChildRow]: null }
);

export type ChildPage = {
  /** The account whose children (or subtree, when searching) this page lists. */
  scope: { id: string; slug: string; name: string };
  items: ChildAccount[];
  nextCursor: string | null;
};

/** A page position is the last slug of the previous page; anything else is no position at all. */
export function isChildAccountsCursor(cursor: string): boolean {
  return SLUG_PATTERN.test(cursor);
}

/** `term` as a LIKE pattern that matches it literally: its own % and _ are not wildcards. */
export function containsPattern(term: string): string {
  return term.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Accounts below the reseller, a page at a time in slug order (keyset on the unique slug).
 * Without `search`: the direct children of `parentId` (the reseller itself, or an account below
 * it). With `search`: every account anywhere below `parentId` whose name or slug contains it.
 * Null when `parentId` is neither the reseller nor below it: the caller answers NOT_FOUND.
 */
export async function listChildAccounts(
  read: SqlReader,
  input: { accountId: string; parentId?: string; search?: string; cursor?: string; limit: number },
): Promise<ChildPage | null> {
  const parentId = input.parentId ?? input.accountId;
  const inScope =
    parentId === input.accountId
      ? Prisma.sql`s.id = ${parentId}::uuid`
      : Prisma.sql`s.id = ${parentId}::uuid AND s.ancestors @> ARRAY[${input.accountId}::uuid]`;
  const below = input.search
    ? Prisma.sql`a.ancestors @> ARRAY[${input.accountId}::uuid, ${parentId}::uuid]
        AND (a.name ILIKE ${`%${containsPattern(input.search)}%`}
             OR a.slug LIKE ${`%${containsPattern(input.search.toLowerCase())}%`})`
    : Prisma.sql`a.parent_id = ${parentId}::uuid AND a.ancestors @> ARRAY[${input.accountId}::uuid]`;
  const after = input.cursor ? Prisma.sql`AND a.slug > ${input.cursor}` : Prisma.empty;
  // One statement for the scope, the page and what each row shows, where Prisma would send one
  // query for the scope and one per relation (docs/PERFORMANCE.md, "The reseller's child list").
  // No scope row: `parentId` is neither the tenant nor below it. A scope row with a null id: a
  // scope with no (more) accounts to list.
  const rows = await read<ScopedChildRow>(
    planEachTime(Prisma.sql`
    SELECT s.id::text AS scope_id, s.slug AS scope_slug, s.name AS scope_name, page.*
      FROM accounts s
      LEFT JOIN LATERAL (
        SELECT a.id::text AS id, a.slug, a.name, a.is_reseller, a.status::text AS status,
               a.max_in, a.max_out, a.max_dialer, plan.name AS plan_name,
               parent.id::text AS parent_id, parent.slug AS parent_slug, parent.name AS parent_name,
               (SELECT h.hostname FROM host_map h
                 WHERE h.account_id = a.id AND h.kind = 'brand' AND h.is_primary) AS brand_domain,
               above.id::text AS above_id, above.name AS above_name, above.status::text AS above_status
          FROM accounts a
          JOIN plans plan ON plan.id = a.plan_id
          LEFT JOIN accounts parent ON parent.id = a.parent_id
          LEFT JOIN LATERAL (
            SELECT x.id, x.name, x.status FROM accounts x
             WHERE x.id = ANY (a.ancestors) AND x.status <> 'active'
             ORDER BY array_position(a.ancestors, x.id)
             LIMIT 1
          ) above ON true
         WHERE ${below} ${after}
         ORDER BY a.slug
         LIMIT ${input.limit + 1}
      ) page ON true
     WHERE ${inScope}
     ORDER BY page.slug`),
  );
  const [first] = rows;
  if (!first) return null;
  const scope = { id: first.scope_id, slug: first.scope_slug, name: first.scope_name };
  const found = rows.filter((row): row is ScopedChildRow & ChildRow => row.id !== null);
  const page = found.slice(0, input.limit);
  // Only a reseller has children (the database keeps it so), and most rows of a page are not.
  const childCounts = await countChildren(
    read,
    page.filter((row) => row.is_reseller).map((row) => row.id),
  );
  return {
    scope,
    items: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      isReseller: row.is_reseller,
      status: row.status,
      effectiveStatus: statusInEffect(
        row.status,
        row.above_id === null || row.above_name === null || row.above_status === null
          ? null
          : { id: row.above_id, name: row.above_name, status: row.above_status },
      ),
      planName: row.plan_name,
      brandDomain: row.brand_domain,
      childCount: childCounts.get(row.id) ?? 0,
      parent:
        row.parent_id === null || row.parent_slug === null || row.parent_name === null
          ? null
          : { id: row.parent_id, slug: row.parent_slug, name: row.parent_name },
      limits: { maxIn: row.max_in, maxOut: row.max_out, maxDialer: row.max_dialer },
    })),
    nextCursor: found.length > input.limit ? (page[page.length - 1]?.slug ?? null) : null,
  };
}

/**
 * How many children each of `parentIds` has, in one statement that names the ids, so the planner
 * sees them and reads each from the (parent_id, slug) index. Not Prisma's `_count` include, which
 * joins the page to a count of every visible account grouped by parent (the reseller's whole
 * subtree on every page), nor a correlated count in the page query, planned before the ids are known
 * (with one reseller owning most accounts, "children of some account" is estimated at thousands
 * and read by a full scan per row).
 */
async function countChildren(read: SqlReader, parentIds: string[]): Promise<Map<string, number>> {
  if (parentIds.length === 0) return new Map();
  const groups = await read<{ parent_id: string; children: number }>(
    planEachTime(Prisma.sql`
      SELECT parent_id::text AS parent_id, count(*)::int AS children
        FROM accounts
       WHERE parent_id IN (${Prisma.join(parentIds.map((id) => Prisma.sql`${id}::uuid`))})
       GROUP BY parent_id`),
  );
  return new Map(groups.map((group) => [group.parent_id, group.children]));
}
