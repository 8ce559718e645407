import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { withPlanLimits } from "@/server/plans/limit-error";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 8 }));
});

afterAll(async () => {
  await owner.user.deleteMany({ where: { email: { endsWith: "@plan-limits.test" } } });
  await owner.department.deleteMany({ where: { name: { startsWith: "Plan limits " } } });
  await owner.$disconnect();
  await app.$disconnect();
});

function inviteInto(accountId: string, label: string) {
  return withPlanLimits(() =>
    withTenant(app, accountId, (tx) =>
      tx.user.create({
        data: { accountId, email: `${label}@plan-limits.test`, name: label, role: "member", status: "invited" },
      }),
    ),
  );
}

describe("the plan's limits, enforced by the database", () => {
  it("lets concurrent invitations on Starter together reach five users and no more", async () => {
    const bistro = ids.bistro.accountId;
    const before = await owner.user.count({ where: { accountId: bistro, status: { not: "deactivated" } } });
    const attempts = 8;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) => inviteInto(bistro, `concurrent-${index}`)),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(results.length - refused.length).toBe(5 - before);
    for (const result of refused) {
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(DomainError);
      expect((reason as DomainError).problems[0]).toEqual({
        reason: "plan_limit",
        field: null,
        message: "The Starter plan allows 5 users; upgrade the plan for more.",
      });
    }
    expect(await owner.user.count({ where: { accountId: bistro, status: { not: "deactivated" } } })).toBe(5);
  });

  it("does not count deactivated users, and refuses to bring one back over the limit", async () => {
    const bistro = ids.bistro.accountId;
    const user = await owner.user.findFirstOrThrow({
      where: { accountId: bistro, email: { startsWith: "concurrent-" }, status: "invited" },
    });
    await owner.user.update({
      where: { accountId_id: { accountId: bistro, id: user.id } },
      data: { status: "deactivated" },
    });
    await inviteInto(bistro, "after-deactivation");
    await expect(
      withPlanLimits(() =>
        withTenant(app, bistro, (tx) =>
          tx.user.update({ where: { accountId_id: { accountId: bistro, id: user.id } }, data: { status: "invited" } }),
        ),
      ),
    ).rejects.toThrow("The Starter plan allows 5 users");
  });

  it("limits departments the same way (Starter: 3)", async () => {
    const bistro = ids.bistro.accountId;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        withPlanLimits(() =>
          withTenant(app, bistro, (tx) =>
            tx.department.create({ data: { accountId: bistro, name: `Plan limits ${index}` } }),
          ),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    const refusal = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason.message).toBe("The Starter plan allows 3 departments; upgrade the plan for more.");
  });

  it("leaves an unlimited plan unlimited", async () => {
    for (let index = 0; index < 6; index += 1) await inviteInto(ids.voicereseller.accountId, `enterprise-${index}`);
  });
});
