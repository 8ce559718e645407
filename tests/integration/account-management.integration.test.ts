import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { messageOf, problemsOf } from "@/server/api/error-message";
import { withTenant } from "@/server/db/tenant";
import { callerAs as signedInCaller } from "@/tests/helpers/callers";
import { connectDemoDatabase, createMemberUser, type DemoIds, deleteMemberUser } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let memberUserId: string;
const LIMITS = { maxIn: 5, maxOut: 5, maxDialer: 1 };

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 2 }));
  memberUserId = (await createMemberUser(owner, ids.voicereseller.accountId, "account-management")).id;
});

afterAll(async () => {
  // Remove what this file created: audit entries first (they reference accounts and users).
  const mine = await owner.account.findMany({
    where: { slug: { startsWith: "mgmt-" } },
    select: { id: true, ancestors: true },
  });
  // Children before their parents.
  mine.sort((a, b) => b.ancestors.length - a.ancestors.length);
  const accountIds = mine.map((account) => account.id);
  await owner.auditEntry.deleteMany({
    where: { OR: [{ targetAccountId: { in: accountIds } }, { actorUserId: memberUserId }] },
  });
  await owner.auditEntry.deleteMany({ where: { targetAccountId: { in: [ids.bistro.accountId] } } });
  for (const account of mine) await owner.account.delete({ where: { id: account.id } });
  await deleteMemberUser(owner, { accountId: ids.voicereseller.accountId, id: memberUserId });
  await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "active", name: "Bistro Group" } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

function callerAs(userId: string, role: "owner" | "member" = "owner") {
  return signedInCaller(app, { userId, accountId: ids.voicereseller.accountId, role }, { ip: "203.0.113.9" });
}
const reseller = () => callerAs(ids.voicereseller.ownerUserId);

async function trpcError(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}

/** The original entries about an account (in its own log), without the copies rolled up to ancestors. */
/** The account.* entries about an account (other files leave entries of their own nouns behind). */
const auditOf = (targetAccountId: string) =>
  owner.auditEntry.findMany({
    where: { targetAccountId, originAccountId: null, action: { startsWith: "account." } },
    orderBy: { createdAt: "asc" },
  });

describe("creating a child account", () => {
  it("creates it below the reseller, with an audit entry naming the user, the account and the values", async () => {
    const created = await reseller().accounts.create({
      name: "Mgmt Dental",
      slug: "mgmt-dental",
      planId: "professional",
      limits: LIMITS,
    });
    expect(created).toMatchObject({
      slug: "mgmt-dental",
      name: "Mgmt Dental",
      status: "active",
      isReseller: false,
      limits: LIMITS,
      parent: { id: ids.voicereseller.accountId, name: "VoiceReseller Inc." },
    });
    const row = await owner.account.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.ancestors).toEqual([ids.voicereseller.accountId]);
    const [entry, ...more] = await auditOf(created.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      accountId: created.id,
      actorUserId: ids.voicereseller.ownerUserId,
      actorAccountId: ids.voicereseller.accountId,
      actingAccountId: ids.voicereseller.accountId,
      actorEmail: "owner@voicereseller.test",
      actorAccountName: "VoiceReseller Inc.",
      action: "account.create",
      ip: "203.0.113.9",
      details: { after: { name: "Mgmt Dental", slug: "mgmt-dental", planId: "professional", ...LIMITS } },
    });
    // The reseller's log holds the same entry, rolled up.
    const copies = await owner.auditEntry.findMany({ where: { id: entry?.id, originAccountId: created.id } });
    expect(copies.map((copy) => copy.accountId)).toEqual([ids.voicereseller.accountId]);
  });

  it.each([
    ["a slug another tenant uses", { slug: "acme" }, "CONFLICT", 'The slug "acme" is already taken.'],
    [
      "limits above the parent's",
      { slug: "mgmt-greedy", limits: { maxIn: 201, maxOut: 5, maxDialer: 51 } },
      "BAD_REQUEST",
      "inbound calls (max_in) can be at most 200: that is VoiceReseller Inc.'s limit. dialer calls (max_dialer) can be at most 50: that is VoiceReseller Inc.'s limit.",
    ],
    ["an unknown plan", { slug: "mgmt-noplan", planId: "platinum" }, "BAD_REQUEST", 'There is no plan "platinum".'],
    ["a malformed slug", { slug: "Bad Slug!" }, "BAD_REQUEST", "lowercase letters, digits or hyphens"],
    ["an empty name", { slug: "mgmt-noname", name: "  " }, "BAD_REQUEST", "Enter a name"],
    [
      "a negative limit",
      { slug: "mgmt-negative", limits: { maxIn: -1, maxOut: 0, maxDialer: 0 } },
      "BAD_REQUEST",
      "cannot be negative",
    ],
  ] as const)("refuses %s with a clear message and creates nothing", async (_name, change, code, message) => {
    const before = await owner.account.count();
    const auditBefore = await owner.auditEntry.count();
    const error = await trpcError(
      reseller().accounts.create({ name: "Mgmt Refused", planId: "professional", limits: LIMITS, ...change }),
    );
    expect(error.code).toBe(code);
    expect(messageOf(problemsOf(error))).toContain(message);
    expect(await owner.account.count()).toBe(before);
    expect(await owner.auditEntry.count()).toBe(auditBefore);
  });

  it("refuses a child below an account that is not a reseller", async () => {
    const error = await trpcError(
      reseller().accounts.create({
        parentId: ids.bistro.accountId,
        name: "Mgmt Under Bistro",
        slug: "mgmt-under-bistro",
        planId: "professional",
        limits: LIMITS,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Bistro Group is not a reseller, so it cannot have child accounts.");
  });

  it("creates a grandchild below a reseller the reseller owns, within that reseller's limits", async () => {
    const sub = await reseller().accounts.create({
      name: "Mgmt Sub Reseller",
      slug: "mgmt-sub",
      planId: "enterprise",
      isReseller: true,
      limits: { maxIn: 20, maxOut: 20, maxDialer: 5 },
    });
    const grandchild = await reseller().accounts.create({
      parentId: sub.id,
      name: "Mgmt Grandchild",
      slug: "mgmt-grandchild",
      planId: "professional",
      limits: { maxIn: 10, maxOut: 10, maxDialer: 2 },
    });
    expect(grandchild.parent.name).toBe("Mgmt Sub Reseller");
    const tooMuch = await trpcError(
      reseller().accounts.create({
        parentId: sub.id,
        name: "Mgmt Greedy",
        slug: "mgmt-greedy-2",
        planId: "enterprise",
        limits: { maxIn: 21, maxOut: 1, maxDialer: 1 },
      }),
    );
    expect(tooMuch.message).toBe("inbound calls (max_in) can be at most 20: that is Mgmt Sub Reseller's limit.");
  });

  it("is refused to a member, whose role cannot manage accounts", async () => {
    const error = await trpcError(
      callerAs(memberUserId, "member").accounts.create({
        name: "Mgmt By Member",
        slug: "mgmt-by-member",
        planId: "professional",
        limits: LIMITS,
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("editing a child account", () => {
  it("records only the fields that changed, before and after", async () => {
    const { id } = await reseller().accounts.get({ accountId: (await slugId("mgmt-dental")) ?? "" });
    const updated = await reseller().accounts.update({
      accountId: id,
      name: "Mgmt Dental Care",
      planId: "professional",
      limits: { ...LIMITS, maxIn: 8 },
    });
    expect(updated).toMatchObject({ name: "Mgmt Dental Care", limits: { ...LIMITS, maxIn: 8 } });
    const entries = await auditOf(id);
    expect(entries.at(-1)).toMatchObject({
      action: "account.update",
      details: { before: { name: "Mgmt Dental", maxIn: 5 }, after: { name: "Mgmt Dental Care", maxIn: 8 } },
    });
    await reseller().accounts.update({ accountId: id, name: "Mgmt Dental Care" });
    expect(await auditOf(id)).toHaveLength(entries.length);
  });

  it("will not lower a reseller's limits below one of its children's", async () => {
    const sub = (await slugId("mgmt-sub")) ?? "";
    const error = await trpcError(
      reseller().accounts.update({ accountId: sub, limits: { maxIn: 9, maxOut: 20, maxDialer: 5 } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("inbound calls (max_in) must be at least 10: a child account has that limit.");
    expect((await owner.account.findUniqueOrThrow({ where: { id: sub } })).maxIn).toBe(20);
  });

  it("refuses limits above the plan's concurrent calls, naming the plan, and changes nothing", async () => {
    const { id } = await reseller().accounts.get({ accountId: (await slugId("mgmt-dental")) ?? "" });
    const before = await owner.account.findUniqueOrThrow({ where: { id } });
    const error = await trpcError(
      reseller().accounts.update({ accountId: id, planId: "starter", limits: { maxIn: 25, maxOut: 20, maxDialer: 0 } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(problemsOf(error)).toEqual([
      {
        reason: "limit_above_plan",
        field: "limits.maxIn",
        message: "inbound calls (max_in) can be at most 2: the Starter plan allows 2 concurrent calls.",
      },
      {
        reason: "limit_above_plan",
        field: "limits.maxOut",
        message: "outbound calls (max_out) can be at most 2: the Starter plan allows 2 concurrent calls.",
      },
    ]);
    // A smaller plan alone is refused too, at the plan.
    const planOnly = await trpcError(reseller().accounts.update({ accountId: id, planId: "starter" }));
    expect(problemsOf(planOnly).map((each) => [each.reason, each.field])).toContainEqual([
      "limit_above_plan",
      "planId",
    ]);
    expect(await owner.account.findUniqueOrThrow({ where: { id } })).toEqual(before);
    const created = await trpcError(
      reseller().accounts.create({
        name: "Mgmt Over Plan",
        slug: "mgmt-over-plan",
        planId: "starter",
        limits: { maxIn: 25, maxOut: 20, maxDialer: 0 },
      }),
    );
    expect(problemsOf(created).map((each) => each.field)).toEqual(["limits.maxIn", "limits.maxOut"]);
  });

  it("asks for something to change", async () => {
    const error = await trpcError(reseller().accounts.update({ accountId: ids.bistro.accountId }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("suspending, reactivating and closing", () => {
  it("suspends and reactivates, each with an audit entry; the suspended account's sessions end", async () => {
    const bistroCaller = signedInCaller(app, { userId: ids.bistro.ownerUserId, accountId: ids.bistro.accountId });
    expect((await bistroCaller.account.current()).account.slug).toBe("bistro");
    const suspended = await reseller().accounts.setStatus({ accountId: ids.bistro.accountId, status: "suspended" });
    expect(suspended.status).toBe("suspended");
    expect((await trpcError(bistroCaller.account.current())).code).toBe("UNAUTHORIZED");
    await reseller().accounts.setStatus({ accountId: ids.bistro.accountId, status: "active" });
    // Ended, not paused: reactivating does not bring the old session back; signing in again works.
    expect((await trpcError(bistroCaller.account.current())).code).toBe("UNAUTHORIZED");
    const again = signedInCaller(app, { userId: ids.bistro.ownerUserId, accountId: ids.bistro.accountId });
    expect((await again.account.current()).account.slug).toBe("bistro");
    const actions = (await auditOf(ids.bistro.accountId)).map((entry) => entry.action);
    expect(actions).toEqual(["account.suspend", "account.reactivate"]);
  });

  it("will not close an account with open children, closes a leaf, and never reopens it", async () => {
    const sub = (await slugId("mgmt-sub")) ?? "";
    const refused = await trpcError(reseller().accounts.setStatus({ accountId: sub, status: "closed" }));
    expect(refused.message).toBe("Mgmt Sub Reseller has 1 open child account; close it first.");
    const grandchild = (await slugId("mgmt-grandchild")) ?? "";
    expect((await reseller().accounts.setStatus({ accountId: grandchild, status: "closed" })).status).toBe("closed");
    expect((await reseller().accounts.setStatus({ accountId: sub, status: "closed" })).status).toBe("closed");
    const reopen = await trpcError(reseller().accounts.setStatus({ accountId: grandchild, status: "active" }));
    expect(reopen.message).toBe("Mgmt Grandchild is closed; a closed account cannot be reopened.");
  });
});

describe("the database's own rules (whatever code path writes)", () => {
  it("lets the request role write only strictly below its tenant", async () => {
    const vr = ids.voicereseller.accountId;
    const renamed = await withTenant(app, vr, (tx) =>
      tx.account.updateMany({ where: { id: ids.acme.accountId }, data: { name: "Hijacked" } }),
    );
    expect(renamed.count).toBe(0);
    // Its own row admits branding changes only (migration 20261123070000): renaming itself is refused.
    await expect(
      withTenant(app, vr, (tx) => tx.account.updateMany({ where: { id: vr }, data: { name: "Hijacked" } })),
    ).rejects.toThrow(/cannot change its own name/);
    await expect(
      withTenant(app, vr, (tx) =>
        tx.account.create({
          data: {
            slug: "mgmt-under-acme",
            name: "x",
            parentId: ids.acme.accountId,
            planId: "starter",
            maxIn: 0,
            maxOut: 0,
            maxDialer: 0,
          },
        }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("refuses limits above the parent's and children below a non-reseller, even from the owner", async () => {
    await expect(owner.account.update({ where: { id: ids.bistro.accountId }, data: { maxIn: 201 } })).rejects.toThrow(
      /cannot exceed its parent/,
    );
    await expect(
      owner.account.create({
        data: {
          slug: "mgmt-bad-parent",
          name: "x",
          parentId: ids.acme.accountId,
          planId: "starter",
          maxIn: 0,
          maxOut: 0,
          maxDialer: 0,
        },
      }),
    ).rejects.toThrow(/only a reseller/);
  });
});

async function slugId(slug: string): Promise<string | undefined> {
  return (await owner.account.findUnique({ where: { slug }, select: { id: true } }))?.id;
}
