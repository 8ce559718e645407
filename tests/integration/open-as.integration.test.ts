import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { messageOf, problemsOf } from "@/server/api/error-message";
import { recordAudit } from "@/server/audit/record";
import type { OpenAsCookie } from "@/server/auth/open-as";
import { OPENED_ACCOUNT_GONE } from "@/server/auth/open-as";
import { withTenant } from "@/server/db/tenant";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import {
  connectDemoDatabase,
  createMemberUser,
  type DemoIds,
  type DemoSlug,
  deleteMemberUser,
} from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let subResellerId: string;
let closedId: string;
let memberUserId: string;
const created: string[] = [];

/** A caller as `slug`'s owner (or another user of it), with the account it has open, if any. */
function callerOf(slug: DemoSlug, options: { openAs?: string; userId?: string; role?: "owner" | "member" } = {}) {
  const cookies: OpenAsCookie[] = [];
  const caller = callerAs(
    app,
    { accountId: ids[slug].accountId, userId: options.userId ?? ids[slug].ownerUserId, role: options.role },
    {
      ip: "192.0.2.44",
      openAs: options.openAs ?? null,
      setCookie: (cookie) => {
        cookies.push(cookie);
      },
    },
  );
  return { caller, cookies };
}

const LIMITS = { maxIn: 2, maxOut: 2, maxDialer: 0 };

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 2 }));
  const reseller = callerOf("voicereseller").caller;
  const sub = await reseller.accounts.create({
    name: "OpenAs Sub",
    slug: "openas-sub",
    planId: "starter",
    isReseller: true,
    limits: LIMITS,
  });
  subResellerId = sub.id;
  const closed = await reseller.accounts.create({
    name: "OpenAs Closed",
    slug: "openas-closed",
    planId: "starter",
    limits: LIMITS,
  });
  closedId = closed.id;
  await reseller.accounts.setStatus({ accountId: closedId, status: "closed" });
  created.push(closedId);
  memberUserId = (await createMemberUser(owner, ids.voicereseller.accountId, "open-as")).id;
});

afterAll(async () => {
  const grandchildren = await owner.account.findMany({ where: { parentId: subResellerId }, select: { id: true } });
  const accounts = [...grandchildren.map((row) => row.id), subResellerId, ...created];
  await owner.auditEntry.deleteMany({
    where: {
      OR: [
        { targetAccountId: { in: accounts } },
        { actorUserId: memberUserId },
        // what this file recorded about the demo accounts (its callers' addresses)
        { ip: { in: ["192.0.2.44", "192.0.2.45"] } },
      ],
    },
  });
  for (const id of accounts) await owner.account.delete({ where: { id } });
  await deleteMemberUser(owner, { accountId: ids.voicereseller.accountId, id: memberUserId });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("opening an account below one's own", () => {
  it("opens it, sets the cookie for this user and that account, and records it in both logs", async () => {
    const { caller, cookies } = callerOf("voicereseller");
    const opened = await caller.openAs.start({ accountId: ids.bistro.accountId });
    expect(opened).toEqual({ id: ids.bistro.accountId, slug: "bistro", name: expect.any(String) });
    expect(cookies).toEqual([
      expect.objectContaining({
        name: "portal.open-as",
        value: `${ids.voicereseller.ownerUserId}.${ids.bistro.accountId}`,
        httpOnly: true,
        sameSite: "lax",
        path: "/",
      }),
    ]);
    const entries = await owner.auditEntry.findMany({
      where: { action: "account.open_as", targetAccountId: ids.bistro.accountId },
      orderBy: { createdAt: "desc" },
      take: 2,
    });
    expect(new Set(entries.map((entry) => entry.accountId))).toEqual(
      new Set([ids.bistro.accountId, ids.voicereseller.accountId]),
    );
    expect(entries[0]).toMatchObject({
      actorUserId: ids.voicereseller.ownerUserId,
      actorAccountId: ids.voicereseller.accountId,
      actorEmail: "owner@voicereseller.test",
      ip: "192.0.2.44",
    });
  });

  it("then acts as that account: its data, its theme, with the real user shown", async () => {
    const { caller } = callerOf("voicereseller", { openAs: ids.bistro.accountId });
    const current = await caller.account.current();
    expect(current.account.id).toBe(ids.bistro.accountId);
    expect(current.user).toMatchObject({ id: ids.voicereseller.ownerUserId, email: "owner@voicereseller.test" });
    expect(current.openedFrom).toEqual({ id: ids.voicereseller.accountId, name: "VoiceReseller Inc." });
    // Bistro is no reseller: the reseller's own procedures are out of reach while it is open.
    expect((await trpcError(caller.accounts.listChildren({}))).code).toBe("FORBIDDEN");
    // Its audit log is Bistro's, not the reseller's.
    const log = await caller.audit.list({ limit: 100 });
    const originals = await owner.auditEntry.findMany({
      where: { id: { in: log.items.map((item) => item.id) }, originAccountId: null },
    });
    expect(originals.length).toBeGreaterThan(0);
    expect(originals.every((row) => row.accountId === ids.bistro.accountId)).toBe(true);
  });

  it("records what is done while opened with both identities, and rolls it up to every ancestor", async () => {
    const { caller } = callerOf("voicereseller", { openAs: subResellerId });
    const grandchild = await caller.accounts.create({
      name: "OpenAs Grandchild",
      slug: "openas-grandchild",
      planId: "starter",
      limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
    });
    expect(grandchild.parent.id).toBe(subResellerId);
    const copies = await owner.auditEntry.findMany({
      where: { action: "account.create", targetAccountId: grandchild.id },
    });
    expect(copies.map((copy) => copy.accountId).sort()).toEqual(
      [grandchild.id, subResellerId, ids.voicereseller.accountId].sort(),
    );
    for (const copy of copies) {
      expect(copy).toMatchObject({
        actorUserId: ids.voicereseller.ownerUserId,
        actorAccountId: ids.voicereseller.accountId,
        actingAccountId: subResellerId,
        actorAccountName: "VoiceReseller Inc.",
      });
    }
    // The sub-reseller's own view names the real user and the account acted as.
    const subLog = await caller.audit.list({ targetAccountId: grandchild.id });
    expect(subLog.items[0]).toMatchObject({
      action: "account.create",
      actor: { email: "owner@voicereseller.test", accountName: "VoiceReseller Inc." },
      actingAs: { id: subResellerId, name: "OpenAs Sub" },
    });
  });

  it("refuses what is not strictly below, a closed account, a second open, and a member", async () => {
    const reseller = callerOf("voicereseller").caller;
    expect((await trpcError(reseller.openAs.start({ accountId: ids.voicereseller.accountId }))).code).toBe("NOT_FOUND");
    expect((await trpcError(reseller.openAs.start({ accountId: ids.acme.accountId }))).code).toBe("NOT_FOUND");
    const closed = await trpcError(reseller.openAs.start({ accountId: closedId }));
    expect([closed.code, messageOf(problemsOf(closed))]).toEqual([
      "BAD_REQUEST",
      "OpenAs Closed is closed; a closed account cannot be opened.",
    ]);
    const clinic = await trpcError(callerOf("city-clinic").caller.openAs.start({ accountId: ids.bistro.accountId }));
    expect(clinic.code).toBe("FORBIDDEN");
    const secondOpen = await trpcError(
      callerOf("voicereseller", { openAs: subResellerId }).caller.openAs.start({
        accountId: (await owner.account.findFirstOrThrow({ where: { slug: "openas-grandchild" } })).id,
      }),
    );
    expect([secondOpen.code, messageOf(problemsOf(secondOpen))]).toEqual([
      "CONFLICT",
      "You have OpenAs Sub open. Return to your own account before opening another.",
    ]);
    const member = await trpcError(
      callerOf("voicereseller", { userId: memberUserId, role: "member" }).caller.openAs.start({
        accountId: ids.bistro.accountId,
      }),
    );
    expect(member.code).toBe("FORBIDDEN");
  });

  it("fails every request, rather than acting as anyone, when the opened account is no longer open to the user", async () => {
    for (const openAs of [ids.acme.accountId, closedId, ids.voicereseller.accountId]) {
      const error = await trpcError(callerOf("voicereseller", { openAs }).caller.account.current());
      expect([error.code, messageOf(problemsOf(error))]).toEqual(["FORBIDDEN", OPENED_ACCOUNT_GONE]);
    }
    // A member whose cookie survived a role change is refused the same way.
    const member = await trpcError(
      callerOf("voicereseller", {
        userId: memberUserId,
        role: "member",
        openAs: ids.bistro.accountId,
      }).caller.account.current(),
    );
    expect([member.code, messageOf(problemsOf(member))]).toEqual(["FORBIDDEN", OPENED_ACCOUNT_GONE]);
  });

  it("returns to the user's own account by clearing the cookie, even when the opened one is gone", async () => {
    const { caller, cookies } = callerOf("voicereseller", { openAs: ids.acme.accountId });
    expect(await caller.openAs.end()).toEqual({ ended: true });
    expect(cookies).toEqual([expect.objectContaining({ name: "portal.open-as", value: "", maxAge: 0 })]);
  });
});

describe("a reseller's audit log", () => {
  it("holds, rolled up, what the users of accounts below it did in their own accounts", async () => {
    const bistroOwner = {
      accountId: ids.bistro.accountId,
      userId: ids.bistro.ownerUserId,
      userAccountId: ids.bistro.accountId,
      ip: "192.0.2.45",
    };
    await withTenant(app, ids.bistro.accountId, (tx) =>
      recordAudit(tx, bistroOwner, { action: "auth.sign_in", targetAccountId: ids.bistro.accountId, details: {} }),
    );
    const page = await callerOf("voicereseller").caller.audit.list({
      targetAccountId: ids.bistro.accountId,
      action: "auth.sign_in",
      limit: 1,
    });
    expect(page.items[0]).toMatchObject({
      action: "auth.sign_in",
      ip: "192.0.2.45",
      actor: { email: "owner@bistro.test" },
      actingAs: null,
      target: { id: ids.bistro.accountId },
    });
    // City Clinic, a sibling, sees none of it.
    const clinic = await callerOf("city-clinic").caller.audit.list({ limit: 100 });
    expect(clinic.items.some((item) => item.id === page.items[0]?.id)).toBe(false);
  });

  it("cannot be written to by a tenant below it, nor can a tenant forge a rolled-up copy", async () => {
    await expect(
      withTenant(app, ids.bistro.accountId, (tx) =>
        tx.auditEntry.createMany({ data: { accountId: ids.voicereseller.accountId, action: "test.upward" } }),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withTenant(app, ids.voicereseller.accountId, (tx) =>
        tx.auditEntry.createMany({
          data: {
            accountId: ids.voicereseller.accountId,
            action: "test.forged_copy",
            originAccountId: ids.bistro.accountId,
          },
        }),
      ),
    ).rejects.toThrow(/permission denied/);
    // Nor can it name an actor from outside its chain.
    await expect(
      withTenant(app, ids.bistro.accountId, (tx) =>
        recordAudit(
          tx,
          {
            accountId: ids.bistro.accountId,
            userId: ids.acme.ownerUserId,
            userAccountId: ids.acme.accountId,
            ip: null,
          },
          { action: "test.foreign_actor", targetAccountId: ids.bistro.accountId, details: {} },
        ),
      ),
    ).rejects.toThrow(/actor belongs to the acting account or an account above it/);
  });
});
