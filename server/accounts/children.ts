import type { TenantDb } from "../db/tenant";

export type ChildAccount = {
  id: string;
  slug: string;
  name: string;
  isReseller: boolean;
  status: "active" | "suspended" | "closed";
  planName: string;
  brandDomain: string | null;
  childCount: number;
  limits: { maxIn: number; maxOut: number; maxDialer: number };
};

export type ChildPage = { items: ChildAccount[]; nextCursor: string | null };

/**
 * The direct children of `parentId` (the reseller itself, or an account below it), one page at a
 * time in slug order (keyset on the unique slug). Null when `parentId` is not the reseller or one
 * of its descendants: the caller answers NOT_FOUND, revealing nothing.
 */
export async function listChildAccounts(
  db: TenantDb,
  input: { accountId: string; parentId?: string; cursor?: string; limit: number },
): Promise<ChildPage | null> {
  const parentId = input.parentId ?? input.accountId;
  if (parentId !== input.accountId) {
    const below = await db.account.findFirst({
      where: { id: parentId, ancestors: { has: input.accountId } },
      select: { id: true },
    });
    if (!below) return null;
  }
  const rows = await db.account.findMany({
    where: {
      parentId,
      ancestors: { has: input.accountId },
      ...(input.cursor ? { slug: { gt: input.cursor } } : {}),
    },
    orderBy: { slug: "asc" },
    take: input.limit + 1,
    include: {
      plan: { select: { name: true } },
      hosts: { where: { kind: "brand", isPrimary: true }, select: { hostname: true } },
      _count: { select: { children: true } },
    },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      isReseller: row.isReseller,
      status: row.status,
      planName: row.plan.name,
      brandDomain: row.hosts[0]?.hostname ?? null,
      childCount: row._count.children,
      limits: { maxIn: row.maxIn, maxOut: row.maxOut, maxDialer: row.maxDialer },
    })),
    nextCursor: rows.length > input.limit ? (page[page.length - 1]?.slug ?? null) : null,
  };
}
