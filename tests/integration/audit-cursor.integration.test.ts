/**
 * Paging through the audit log loses no entry. A cursor carries the last entry's time as
 * JavaScript holds it (milliseconds); the log must order by exactly that time, or an entry a few
 * microseconds older than the cursor's, in the same millisecond, falls between two pages.
 */

import { afterAll, beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { callerAs } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const ACTION = "test.audit_cursor";

let app: PrismaClient;
let owner: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ app, owner, ids } = await connectDemoDatabase());
});

afterAll(async () => {
  await owner?.auditEntry.deleteMany({ where: { action: ACTION } });
  await Promise.all([app?.$disconnect(), owner?.$disconnect()]);
});

it("pages through entries of the same millisecond, microseconds apart, without losing one", async () => {
  const accountId = ids.acme.accountId;
  // Newest first: .123456 and .123400 share the millisecond .123; .122 is older still.
  for (const at of ["2026-01-01 00:00:00.123456+00", "2026-01-01 00:00:00.1234+00", "2026-01-01 00:00:00.122+00"]) {
    await owner.$executeRaw`
      INSERT INTO audit_entries (account_id, action, created_at) VALUES (${accountId}::uuid, ${ACTION}, ${at}::timestamptz)`;
  }
  const stored = await owner.auditEntry.findMany({ where: { action: ACTION }, select: { id: true } });
  expect(stored).toHaveLength(3);

  const caller = callerAs(app, { accountId, userId: ids.acme.ownerUserId });
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const result = await caller.audit.list({ action: ACTION, limit: 1, cursor });
    seen.push(...result.items.map((item) => item.id));
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  expect(seen.sort()).toEqual(stored.map((entry) => entry.id).sort());
});
