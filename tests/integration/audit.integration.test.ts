import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { messageOf, problemsOf } from "@/server/api/error-message";
import { callerAs } from "@/tests/helpers/callers";
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
let probeId: string;
let memberUserId: string;

function callerOf(slug: DemoSlug, user?: { id: string; role: "owner" | "member" }) {
  return callerAs(
    app,
    { accountId: ids[slug].accountId, userId: user?.id ?? ids[slug].ownerUserId, role: user?.role },
    { ip: "198.51.100.7" },
  );
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 2 }));
  const reseller = callerOf("voicereseller");
  const probe = await reseller.accounts.create({
    name: "Audit Probe",
    slug: "audit-probe",
    planId: "starter",
    limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
  });
  probeId = probe.id;
  await reseller.accounts.update({ accountId: probeId, name: "Audit Probe Renamed" });
  memberUserId = (await createMemberUser(owner, ids.voicereseller.accountId, "audit")).id;
});

afterAll(async () => {
  await owner.auditEntry.deleteMany({ where: { targetAccountId: probeId } });
  await owner.account.delete({ where: { id: probeId } });
  await deleteMemberUser(owner, { accountId: ids.voicereseller.accountId, id: memberUserId });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("audit.list", () => {
  it("lists the account's entries newest first, with who, what, on which account and from where", async () => {
    const page = await callerOf("voicereseller").audit.list({ targetAccountId: probeId });
    expect(page.items.map((entry) => entry.action)).toEqual(["account.update", "account.create"]);
    expect(page.items[0]).toMatchObject({
      actor: { email: "owner@voicereseller.test" },
      target: { id: probeId, slug: "audit-probe", name: "Audit Probe Renamed" },
      ip: "198.51.100.7",
      details: { before: { name: "Audit Probe" }, after: { name: "Audit Probe Renamed" } },
    });
    expect(page.nextCursor).toBeNull();
  });

  it("filters by action", async () => {
    const page = await callerOf("voicereseller").audit.list({ action: "account.create" });
    expect(page.items.length).toBeGreaterThan(0);
    expect(new Set(page.items.map((entry) => entry.action))).toEqual(new Set(["account.create"]));
  });

  it("pages with a cursor, newest first, without repeating or skipping", async () => {
    const caller = callerOf("voicereseller");
    const first = await caller.audit.list({ targetAccountId: probeId, limit: 1 });
    expect(first.items.map((entry) => entry.action)).toEqual(["account.update"]);
    expect(first.nextCursor).not.toBeNull();
    const second = await caller.audit.list({ targetAccountId: probeId, limit: 1, cursor: first.nextCursor ?? "" });
    expect(second.items.map((entry) => entry.action)).toEqual(["account.create"]);
    expect(second.nextCursor).toBeNull();
  });

  it("never shows another tenant's entries", async () => {
    const page = await callerOf("bistro").audit.list({ limit: 100 });
    expect(page.items.some((entry) => entry.target?.id === probeId)).toBe(false);
    // Bistro has nothing below it: every entry it sees is an original in its own log.
    const rows = await owner.auditEntry.findMany({
      where: { id: { in: page.items.map((entry) => entry.id) }, originAccountId: null },
    });
    expect(new Set(rows.map((row) => row.accountId))).toEqual(
      rows.length ? new Set([ids.bistro.accountId]) : new Set(),
    );
  });

  it("is refused to a member, and explains bad input", async () => {
    const forbidden = await callerOf("voicereseller", { id: memberUserId, role: "member" })
      .audit.list({})
      .catch((error: unknown) => error);
    expect(forbidden).toBeInstanceOf(TRPCError);
    expect((forbidden as TRPCError).code).toBe("FORBIDDEN");
    const bad = await callerOf("voicereseller")
      .audit.list({ cursor: "yesterday" })
      .catch((error: unknown) => error);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect(messageOf(problemsOf(bad as TRPCError))).toBe("cursor must come from a previous page");
  });
});
