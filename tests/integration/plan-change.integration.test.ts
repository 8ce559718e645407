/**
 * The plan: a change that current usage exceeds is refused by the database with everything that
 * is over (and waits for, or is waited for by, a concurrent invitation); the plan's features are
 * gated in one place (requireFeature) and the dashboard shows usage against the limits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { requireFeature } from "@/server/plans/features";
import { withPlanLimits } from "@/server/plans/limit-error";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds, type DemoSlug } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let childId: string;
let startedAt: Date;

const SLUG = "plan-change-test";
const callerOf = (slug: DemoSlug) => callerAs(app, { accountId: ids[slug].accountId, userId: ids[slug].ownerUserId });
const reseller = () => callerOf("voicereseller");

async function addUsers(count: number, from = 0) {
  for (let index = from; index < from + count; index += 1) {
    await owner.user.create({
      data: {
        accountId: childId,
        email: `user-${index}@plan-change.test`,
        name: `User ${index}`,
        role: "member",
        status: "invited",
      },
    });
  }
}

async function activeUsers() {
  return owner.user.count({ where: { accountId: childId, status: { not: "deactivated" } } });
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 8 }));
  startedAt = new Date();
  const child = await owner.account.create({
    data: {
      parentId: ids.voicereseller.accountId,
      slug: SLUG,
      name: "Plan Change Bakery",
      planId: "professional",
      maxIn: 1,
      maxOut: 1,
      maxDialer: 0,
    },
  });
  childId = child.id;
});

afterAll(async () => {
  await owner.auditEntry.deleteMany({ where: { OR: [{ accountId: childId }, { targetAccountId: childId }] } });
  // The switches' entries, and their copies in the reseller's log: other files read those logs.
  await owner.auditEntry.deleteMany({ where: { action: "features.update", createdAt: { gte: startedAt } } });
  await owner.user.deleteMany({ where: { accountId: childId } });
  await owner.department.deleteMany({ where: { accountId: childId } });
  await owner.account.delete({ where: { id: childId } });
  await owner.$disconnect();
  await app.$disconnect();
});

describe("a plan change over current usage", () => {
  it("is refused with one message listing everything over, and writes nothing", async () => {
    await addUsers(8);
    for (const name of ["Sales", "Support", "Kitchen", "Delivery"]) {
      await owner.department.create({ data: { accountId: childId, name } });
    }
    await owner.account.update({ where: { id: childId }, data: { voicemailTranscription: true } });
    const auditBefore = await owner.auditEntry.count({ where: { targetAccountId: childId } });

    const error = await trpcError(
      reseller().accounts.update({ accountId: childId, planId: "starter", name: "Renamed" }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(problemsOf(error)).toEqual([
      {
        reason: "plan_over_usage",
        field: "planId",
        message:
          "Plan Change Bakery uses more than the Starter plan allows: 8 users (it allows 5), 4 departments (it allows 3) and AI transcription switched on (it does not include it). Deactivate users, delete departments and switch AI transcription off first, or choose a larger plan.",
      },
    ]);
    const after = await owner.account.findUniqueOrThrow({ where: { id: childId } });
    expect([after.planId, after.name]).toEqual(["professional", "Plan Change Bakery"]);
    expect(await owner.auditEntry.count({ where: { targetAccountId: childId } })).toBe(auditBefore);
  });

  it("is refused by the database itself, whoever writes the plan", async () => {
    await expect(
      withTenant(app, ids.voicereseller.accountId, (tx) =>
        tx.account.update({ where: { id: childId }, data: { planId: "starter" } }),
      ),
    ).rejects.toThrow(/current usage exceeds plan Starter/);
  });

  it("names only what is over, and goes through once usage fits", async () => {
    await owner.account.update({ where: { id: childId }, data: { voicemailTranscription: false } });
    await owner.department.deleteMany({ where: { accountId: childId, name: "Delivery" } });
    const error = await trpcError(reseller().accounts.update({ accountId: childId, planId: "starter" }));
    expect(problemsOf(error)[0]?.message).toBe(
      "Plan Change Bakery uses more than the Starter plan allows: 8 users (it allows 5). Deactivate users first, or choose a larger plan.",
    );
    const extra = await owner.user.findMany({ where: { accountId: childId }, orderBy: { email: "desc" }, take: 3 });
    await owner.user.updateMany({
      where: { id: { in: extra.map((user) => user.id) } },
      data: { status: "deactivated" },
    });
    const changed = await reseller().accounts.update({ accountId: childId, planId: "starter" });
    expect(changed.planId).toBe("starter");
    // An enterprise plan has no limits: anything fits.
    await reseller().accounts.update({ accountId: childId, planId: "professional" });
  });

  it("and a concurrent invitation cannot both pass: one of the two is refused, every time", async () => {
    expect(await activeUsers()).toBe(5);
    for (let round = 0; round < 6; round += 1) {
      const results = await Promise.allSettled([
        reseller().accounts.update({ accountId: childId, planId: "starter" }),
        withPlanLimits(() =>
          withTenant(app, childId, (tx) =>
            tx.user.create({
              data: {
                accountId: childId,
                email: `race-${round}@plan-change.test`,
                name: "Racer",
                role: "member",
                status: "invited",
              },
            }),
          ),
        ),
      ]);
      const [change, invite] = results;
      expect(
        results.filter((result) => result.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      const account = await owner.account.findUniqueOrThrow({ where: { id: childId } });
      if (change?.status === "fulfilled") {
        expect(account.planId).toBe("starter");
        expect((invite as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
        expect(await activeUsers()).toBe(5);
      } else {
        expect(account.planId).toBe("professional");
        expect(problemsOf(await trpcError(Promise.reject((change as PromiseRejectedResult).reason)))[0]?.reason).toBe(
          "plan_over_usage",
        );
        expect(await activeUsers()).toBe(6);
      }
      // Back to five users on Professional for the next round.
      await owner.user.deleteMany({ where: { accountId: childId, email: `race-${round}@plan-change.test` } });
      await owner.account.update({ where: { id: childId }, data: { planId: "professional" } });
    }
  });
});

describe("plan features", () => {
  it("requireFeature refuses Starter what it lacks, naming the cheapest plan that has it", async () => {
    const refusal = await withTenant(app, ids.bistro.accountId, (tx) =>
      requireFeature(tx, ids.bistro.accountId, "advancedAnalytics"),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems).toEqual([
      {
        reason: "plan_feature",
        field: null,
        message: "Advanced analytics is not in the Starter plan; the Professional plan has it.",
      },
    ]);
    await withTenant(app, ids.bistro.accountId, (tx) => requireFeature(tx, ids.bistro.accountId, "recording"));
  });

  it("refuses to switch AI transcription on for Starter, and writes nothing", async () => {
    const error = await trpcError(
      callerOf("bistro").dashboard.setFeature({ switch: "voicemailTranscription", enabled: true }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(problemsOf(error)).toEqual([
      {
        reason: "plan_feature",
        field: "enabled",
        message: "AI transcription is not in the Starter plan; the Professional plan has it.",
      },
    ]);
    const bistro = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    expect(bistro.voicemailTranscription).toBe(false);
  });

  it("switches call recording on and off where the plan has it, with an audit entry each time", async () => {
    const on = await callerOf("bistro").dashboard.setFeature({ switch: "callRecording", enabled: true });
    expect(on.switches).toEqual({ callRecording: true, voicemailTranscription: false });
    const off = await callerOf("bistro").dashboard.setFeature({ switch: "callRecording", enabled: false });
    expect(off.switches.callRecording).toBe(false);
    const entries = await owner.auditEntry.findMany({
      where: { accountId: ids.bistro.accountId, action: "features.update", originAccountId: null },
      orderBy: { createdAt: "desc" },
      take: 2,
    });
    expect(entries.map((entry) => entry.details)).toEqual([
      { before: { callRecording: true }, after: { callRecording: false } },
      { before: { callRecording: false }, after: { callRecording: true } },
    ]);
    // Professional has AI transcription: City Clinic may switch it on.
    const clinic = await callerOf("city-clinic").dashboard.setFeature({
      switch: "voicemailTranscription",
      enabled: true,
    });
    expect(clinic.switches.voicemailTranscription).toBe(true);
    await callerOf("city-clinic").dashboard.setFeature({ switch: "voicemailTranscription", enabled: false });
  });

  it("refuses advanced analytics to Starter, and counts the account's own tables for Professional", async () => {
    const error = await trpcError(callerOf("bistro").dashboard.analytics());
    expect(error.code).toBe("FORBIDDEN");
    expect(problemsOf(error)[0]).toMatchObject({ reason: "plan_feature" });

    const acme = ids.acme.accountId;
    const analytics = await callerOf("acme").dashboard.analytics();
    expect(analytics.accountId).toBe(acme);
    expect(analytics.users).toEqual({
      active: await owner.user.count({ where: { accountId: acme, status: "active" } }),
      invited: await owner.user.count({ where: { accountId: acme, status: "invited" } }),
      deactivated: await owner.user.count({ where: { accountId: acme, status: "deactivated" } }),
    });
    expect(analytics.users.active).toBeGreaterThan(0);
    expect(analytics.extensions.total).toBe(await owner.extension.count({ where: { accountId: acme } }));
    expect(analytics.schedules).toBe(await owner.schedule.count({ where: { accountId: acme } }));
    const signIns = await owner.auditEntry.count({
      where: {
        accountId: acme,
        originAccountId: null,
        action: "auth.sign_in",
        createdAt: { gte: new Date(Date.now() - 30 * 86_400_000) },
      },
    });
    expect(analytics.changesLast30Days.find((row) => row.action === "auth.sign_in")?.count ?? 0).toBe(signIns);
  });
});

describe("the dashboard", () => {
  it("meters users, extensions and departments against the plan, and names the plan a missing feature needs", async () => {
    await reseller().accounts.update({ accountId: childId, planId: "starter" });
    // Read as its reseller sees it when it opens the account.
    const opened = await callerAs(
      app,
      { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
      { openAs: childId },
    ).dashboard.summary();
    expect(opened.accountId).toBe(childId);
    expect(opened.plan).toEqual({ id: "starter", name: "Starter" });
    expect(opened.meters).toEqual([
      { resource: "users", label: "Users", used: 5, limit: 5 },
      { resource: "extensions", label: "Extensions", used: 0, limit: null },
      { resource: "numbers", label: "Numbers", used: 0, limit: null },
      { resource: "departments", label: "Departments", used: 3, limit: 3 },
    ]);
    expect(opened.defaultDestination).toBeNull();
    expect(opened.features).toEqual([
      { feature: "recording", label: "Call recording", included: true, cheapestPlan: null },
      {
        feature: "aiTranscription",
        label: "AI transcription",
        included: false,
        cheapestPlan: { id: "professional", name: "Professional" },
      },
      {
        feature: "advancedAnalytics",
        label: "Advanced analytics",
        included: false,
        cheapestPlan: { id: "professional", name: "Professional" },
      },
    ]);
  });
});
