/**
 * A session the tRPC route leaves pending (server/auth/session-check.ts): a tenant procedure
 * checks it in the message that begins its transaction; every refusal the eager check makes is
 * made here too, before the procedure reads or writes anything.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createCaller } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { type PendingSession, sessionCheckSql } from "@/server/auth/session-check";
import { endSession } from "@/server/auth/session-store";
import { createPrismaClient, type SentQuery } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { homeHost, signedInSession } from "@/tests/helpers/callers";
import { connectDemoDatabase, createMemberUser, type DemoIds, deleteMemberUser } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

type User = { accountId: string; userId: string; role?: "owner" | "admin" | "manager" | "member" };

/** A signed-in user's pending session on their own account's host, with an opened account or not. */
async function pendingOf(user: User, openAs: string | null = null): Promise<PendingSession> {
  const host = await homeHost(app, user.accountId);
  return { session: await signedInSession(app, user, host), openAs, host };
}

/** A caller whose context carries `pending` and no principal, as the tRPC route builds it. */
function pendingCaller(pending: PendingSession) {
  return createCaller(
    createTRPCContext(app, {
      host: pending.host,
      ip: "198.51.100.60",
      principal: null,
      refusal: null,
      requestId: "pending-session-test",
      origin: null,
      pending,
    }),
  );
}

async function refusalOf(call: Promise<unknown>): Promise<{ code: string; reason: unknown }> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  const reason = (error.cause as { problems?: { reason: string }[] } | undefined)?.problems?.[0]?.reason;
  return { code: error.code, reason };
}

const ownerOf = (slug: "voicereseller" | "bistro") => ({
  accountId: ids[slug].accountId,
  userId: ids[slug].ownerUserId,
});

describe("a pending session", () => {
  it("runs a tenant procedure as its own account", async () => {
    const current = await pendingCaller(await pendingOf(ownerOf("bistro"))).account.current();
    expect(current.account.id).toBe(ids.bistro.accountId);
    expect(current.user?.id).toBe(ids.bistro.ownerUserId);
    expect(current.openedFrom).toBeNull();
  });

  it("runs as the account it has open, named by both", async () => {
    const pending = await pendingOf(ownerOf("voicereseller"), ids.bistro.accountId);
    const current = await pendingCaller(pending).account.current();
    expect(current.account.id).toBe(ids.bistro.accountId);
    expect(current.openedFrom?.id).toBe(ids.voicereseller.accountId);
  });

  it("is refused once ended, and the procedure reads nothing", async () => {
    const pending = await pendingOf(ownerOf("bistro"));
    await endSession(app, { accountId: pending.session.accountId, sessionId: pending.session.sessionId });
    expect(await refusalOf(pendingCaller(pending).account.current())).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "session_ended",
    });
  });

  it("cannot write once ended: a refused mutation leaves no row and no audit entry", async () => {
    const pending = await pendingOf(ownerOf("bistro"));
    await endSession(app, { accountId: pending.session.accountId, sessionId: pending.session.sessionId });
    const before = await owner.auditEntry.count({ where: { accountId: ids.bistro.accountId } });
    const refused = await refusalOf(
      pendingCaller(pending).extensions.create({ number: "2990", name: "Written by an ended session" }),
    );
    expect(refused).toMatchObject({ code: "UNAUTHORIZED", reason: "session_ended" });
    expect(await owner.extension.count({ where: { accountId: ids.bistro.accountId, number: "2990" } })).toBe(0);
    expect(await owner.auditEntry.count({ where: { accountId: ids.bistro.accountId } })).toBe(before);
  });

  it("may not open an account its role cannot open, nor one beside it", async () => {
    const member = await createMemberUser(owner, ids.voicereseller.accountId, "pending-session");
    try {
      const memberOpening = await pendingOf(
        { accountId: member.accountId, userId: member.id, role: "member" },
        ids.bistro.accountId,
      );
      expect(await refusalOf(pendingCaller(memberOpening).account.current())).toMatchObject({
        code: "FORBIDDEN",
        reason: "opened_account_gone",
      });
    } finally {
      await deleteMemberUser(owner, member);
    }
    // Bistro's owner naming VoiceReseller (its parent) as opened: not below it.
    const upward = await pendingOf(ownerOf("bistro"), ids.voicereseller.accountId);
    expect(await refusalOf(pendingCaller(upward).account.current())).toMatchObject({
      code: "FORBIDDEN",
      reason: "opened_account_gone",
    });
  });

  it("is refused a procedure its role lacks, with the reason", async () => {
    const member = await createMemberUser(owner, ids.bistro.accountId, "pending-session-perm");
    try {
      const pending = await pendingOf({ accountId: member.accountId, userId: member.id, role: "member" });
      expect(await refusalOf(pendingCaller(pending).audit.list({}))).toMatchObject({
        code: "FORBIDDEN",
        reason: "missing_permission",
      });
    } finally {
      await deleteMemberUser(owner, member);
    }
  });

  it("is checked on its own for a procedure that begins no tenant transaction", async () => {
    const pending = await pendingOf(ownerOf("bistro"));
    expect((await pendingCaller(pending).profile.get()).email).toBe("owner@bistro.test");
    await endSession(app, { accountId: pending.session.accountId, sessionId: pending.session.sessionId });
    expect(await refusalOf(pendingCaller(pending).profile.get())).toMatchObject({
      code: "UNAUTHORIZED",
      reason: "session_ended",
    });
  });

  it("is checked in the message that begins the transaction, not in a statement of its own", async () => {
    const sent: SentQuery[] = [];
    const traced = createPrismaClient(inject("appUrl"), { max: 1, onQuery: (query) => sent.push(query) });
    try {
      const pending = await pendingOf(ownerOf("bistro"));
      const checked = await withTenant(traced, ids.bistro.accountId, async (_tx, answer) => answer, {
        check: sessionCheckSql(pending),
      });
      expect(checked).toMatchObject({ role: "owner", account_slug: "bistro", email: "owner@bistro.test" });
      expect(sent.some((query) => /app_session|set_config/.test(query.query))).toBe(false);
    } finally {
      await traced.$disconnect();
    }
  });
});
