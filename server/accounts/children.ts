import type { TenantDb } from "../db/tenant";
import type { Prisma } from "../db/types";
import { type EffectiveStatus, effectiveStatus, inactiveAncestors } from "./effective-status";

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

export type ChildPage = {
  /** The account whose children (or subtree, when searching) this page lists. */
  scope: { id: string; slug: string; name: string };
  items: ChildAccount[];
  nextCursor: string | null;
};

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
  db: TenantDb,
  input: { accountId: string; parentId?: string; search?: string; cursor?: string; limit: number },
): Promise<ChildPage | null> {
  const parentId = input.parentId ?? input.accountId;
  const scope = await db.account.findFirst({
    where: parentId === input.accountId ? { id: parentId } : { id: parentId, ancestors: { has: input.accountId } },
    select: { id: true, slug: true, name: true },
  });
  if (!scope) return null;
  const filter: Prisma.AccountWhereInput = input.search
    ? {
        ancestors: { hasEvery: [input.accountId, parentId] },
        OR: [
          { name: { contains: containsPattern(input.search), mode: "insensitive" } },
          { slug: { contains: containsPattern(input.search.toLowerCase()) } },
        ],
      }
    : { parentId, ancestors: { has: input.accountId } };
  const rows = await db.account.findMany({
    where: { ...filter, ...(input.cursor ? { slug: { gt: input.cursor } } : {}) },
    orderBy: { slug: "asc" },
    take: input.limit + 1,
    include: {
      plan: { select: { name: true } },
      parent: { select: { id: true, slug: true, name: true } },
      hosts: { where: { kind: "brand", isPrimary: true }, select: { hostname: true } },
      _count: { select: { children: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  const inactive = await inactiveAncestors(
    db,
    page.map((row) => row.ancestors),
  );
  return {
    scope,
    items: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      isReseller: row.isReseller,
      status: row.status,
      effectiveStatus: effectiveStatus(row.status, row.ancestors, inactive),
      planName: row.plan.name,
      brandDomain: row.hosts[0]?.hostname ?? null,
      childCount: row._count.children,
      parent: row.parent,
      limits: { maxIn: row.maxIn, maxOut: row.maxOut, maxDialer: row.maxDialer },
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.slug ?? null) : null,
  };
}
