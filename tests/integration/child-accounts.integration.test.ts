import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { callerAs } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
const created = new Map<string, string>();

// Accounts this file adds below the demo tree, deepest last so they are removed first.
const EXTRA = [
  { slug: "pct-100", name: "Hundred 100% Co", parent: "voicereseller" },
  { slug: "pct-1000", name: "Thousand 1000 Co", parent: "voicereseller" },
  { slug: "bistro-partners", name: "Bistro Partners", parent: "voicereseller", isReseller: true },
  { slug: "bistro-kitchen", name: "Bistro Kitchen", parent: "bistro-partners" },
] as const;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 2 }));
  for (const extra of EXTRA) {
    const account = await owner.account.create({
      data: {
        slug: extra.slug,
        name: extra.name,
        parentId: extra.parent === "voicereseller" ? ids.voicereseller.accountId : created.get(extra.parent),
        isReseller: "isReseller" in extra,
        planId: "starter",
        maxIn: 1,
        maxOut: 1,
        maxDialer: 0,
      },
    });
    created.set(extra.slug, account.id);
  }
});

afterAll(async () => {
  for (const id of [...created.values()].reverse()) await owner.account.delete({ where: { id } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

function resellerCaller() {
  const { ownerUserId, accountId } = ids.voicereseller;
  return callerAs(app, { userId: ownerUserId, accountId }, { host: { kind: "platform", hostname: "localhost" } });
}

const slugsOf = (page: { items: { slug: string }[] }) => page.items.map((item) => item.slug);

describe("accounts.listChildren", () => {
  it("lists direct children only, in slug order", async () => {
    const page = await resellerCaller().accounts.listChildren({});
    expect(slugsOf(page)).toEqual(["bistro", "bistro-partners", "city-clinic", "pct-100", "pct-1000"]);
    expect(page.items.find((item) => item.slug === "bistro-partners")?.childCount).toBe(1);
    expect(page.items.find((item) => item.slug === "bistro")?.childCount).toBe(0);
    expect(page.items[0]?.parent?.slug).toBe("voicereseller");
  });

  it("shows each row whole: status, plan, parent, brand domain, child count and limits", async () => {
    // What each item must say, read with the owner client and Prisma's own relations.
    const expected = async (slug: string) => {
      const row = await owner.account.findUniqueOrThrow({
        where: { slug },
        include: {
          plan: true,
          parent: { select: { id: true, slug: true, name: true } },
          hosts: { where: { kind: "brand", isPrimary: true } },
          _count: { select: { children: true } },
        },
      });
      const inactiveAbove = await owner.account.findMany({
        where: { id: { in: row.ancestors }, status: { not: "active" } },
        select: { id: true, name: true, status: true },
      });
      const topmost = row.ancestors.map((id) => inactiveAbove.find((above) => above.id === id)).find(Boolean);
      return {
        id: row.id,
        slug: row.slug,
        name: row.name,
        isReseller: row.isReseller,
        status: row.status,
        effectiveStatus:
          row.status === "active" && topmost
            ? { status: topmost.status, by: { id: topmost.id, name: topmost.name } }
            : { status: row.status, by: null },
        planName: row.plan.name,
        brandDomain: row.hosts[0]?.hostname ?? null,
        childCount: row._count.children,
        parent: row.parent,
        limits: { maxIn: row.maxIn, maxOut: row.maxOut, maxDialer: row.maxDialer },
      };
    };
    const host = "pct-100-brand.localhost";
    await owner.hostMapping.create({
      data: { hostname: host, accountId: created.get("pct-100") ?? "", kind: "brand", isPrimary: true },
    });
    try {
      const direct = await resellerCaller().accounts.listChildren({});
      const searched = await resellerCaller().accounts.listChildren({ search: "bist" });
      for (const item of [...direct.items, ...searched.items]) expect(item).toEqual(await expected(item.slug));
      expect(direct.items.find((item) => item.slug === "pct-100")?.brandDomain).toBe(host);
      expect(searched.items.find((item) => item.slug === "bistro-kitchen")?.parent?.slug).toBe("bistro-partners");
    } finally {
      await owner.hostMapping.deleteMany({ where: { hostname: host } });
    }
  });

  it("drills down into a descendant's children", async () => {
    const page = await resellerCaller().accounts.listChildren({ parentId: created.get("bistro-partners") });
    expect(slugsOf(page)).toEqual(["bistro-kitchen"]);
    expect(page.scope.name).toBe("Bistro Partners");
  });

  it.each([
    ["CLINIC", ["city-clinic"]],
    ["bist", ["bistro", "bistro-kitchen", "bistro-partners"]],
    ["kitchen", ["bistro-kitchen"]],
    ["100%", ["pct-100"]],
    ["100", ["pct-100", "pct-1000"]],
    ["_", []],
    ["%", ["pct-100"]],
    ["nothing matches this", []],
  ])("search %j finds %j anywhere below the reseller", async (search, expected) => {
    expect(slugsOf(await resellerCaller().accounts.listChildren({ search }))).toEqual(expected);
  });

  it("search below a descendant stays inside it", async () => {
    const page = await resellerCaller().accounts.listChildren({
      parentId: created.get("bistro-partners"),
      search: "bist",
    });
    expect(slugsOf(page)).toEqual(["bistro-kitchen"]);
    expect(page.items[0]?.parent).toMatchObject({ slug: "bistro-partners", name: "Bistro Partners" });
  });

  it("never finds accounts outside the reseller's tree", async () => {
    expect(slugsOf(await resellerCaller().accounts.listChildren({ search: "acme" }))).toEqual([]);
  });

  it("pages through search results with the cursor", async () => {
    const caller = resellerCaller();
    const first = await caller.accounts.listChildren({ search: "bist", limit: 1 });
    expect(slugsOf(first)).toEqual(["bistro"]);
    expect(first.nextCursor).toBe("bistro");
    const second = await caller.accounts.listChildren({ search: "bist", limit: 1, cursor: first.nextCursor ?? "" });
    expect(slugsOf(second)).toEqual(["bistro-kitchen"]);
    const third = await caller.accounts.listChildren({ search: "bist", limit: 1, cursor: second.nextCursor ?? "" });
    expect(slugsOf(third)).toEqual(["bistro-partners"]);
    expect(third.nextCursor).toBeNull();
  });

  it("treats a blank search as no search, and refuses an overlong one", async () => {
    expect(slugsOf(await resellerCaller().accounts.listChildren({ search: "   " }))).toHaveLength(5);
    const error = await resellerCaller()
      .accounts.listChildren({ search: "x".repeat(81) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain("at most 80");
  });
});
