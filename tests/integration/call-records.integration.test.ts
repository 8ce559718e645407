/**
 * Call records from the voice platform (POST /api/platform/call-records, migration
 * 20261201010000): rated and charged at every level of a three-level chain, added to the daily
 * usage of every level, idempotent by call id, refused whole on bad input, and exact under eight
 * ingesters replaying overlapping batches at once.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { handleCallRecords } from "@/server/calls/ingest-request";
import { createServiceKey, revokeServiceKey } from "@/server/calls/platform-service-keys";
import { csvResponse } from "@/server/reports/csv-response";
import { CALL_COLUMNS, CHILDREN_COLUMNS, callPages, childrenReportPages } from "@/server/reports/exports";
import { callerAs } from "@/tests/helpers/callers";
import { connectDemoDatabase } from "@/tests/helpers/demo-data";
import { removeAccountsWithMoney } from "@/tests/helpers/remove-accounts";
import { createTestAccount } from "@/tests/helpers/test-accounts";

let owner: PrismaClient;
let app: PrismaClient;
let serviceKey: string;
/** A platform-direct reseller, a reseller below it, and their customers: three levels of billing. */
const tree = { top: "", middle: "", customer: "", other: "" };
const made: string[] = [];

async function makeAccount(label: string, parentId: string | null, isReseller = false): Promise<string> {
  const id = await createTestAccount(owner, {
    slug: `cdr-${label}-${randomUUID().slice(0, 8)}`,
    name: `CDR ${label}`,
    parentId,
    isReseller,
  });
  made.push(id);
  return id;
}

beforeAll(async () => {
  ({ owner, app } = await connectDemoDatabase({ appPoolSize: 10 }));
  tree.top = await makeAccount("top", null, true);
  // The tree's people sign in on its brand's host.
  await owner.hostMapping.create({
    data: {
      hostname: `cdr-${randomUUID().slice(0, 8)}.localhost`,
      accountId: tree.top,
      kind: "brand",
      isPrimary: true,
      verified: true,
    },
  });
  tree.middle = await makeAccount("middle", tree.top, true);
  tree.customer = await makeAccount("customer", tree.middle);
  tree.other = await makeAccount("other", tree.middle);
  // The top reseller sells at +25% with its own price for the UK; the middle one at +10%.
  await owner.priceList.create({ data: { accountId: tree.top, markupBasisPoints: 2500 } });
  await owner.priceListOverride.create({
    data: {
      accountId: tree.top,
      direction: "out",
      prefix: "44",
      pricePerMinuteMicros: 90_000n,
      incrementFirst: 60,
      incrementNext: 60,
    },
  });
  await owner.priceList.create({ data: { accountId: tree.middle, markupBasisPoints: 1000 } });
  ({ key: serviceKey } = await createServiceKey(owner, "call records test"));
});

afterAll(async () => {
  await removeAccountsWithMoney(owner, made);
  await owner.platformServiceKey.deleteMany({ where: { name: { startsWith: "call records test" } } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

type Cdr = Record<string, unknown>;

const period2026 = () => ({ fromDay: "2026-01-01", toDay: "2026-12-31" });

function cdr(overrides: Partial<Cdr> = {}): Cdr {
  return {
    callId: `call-${randomUUID()}`,
    accountId: tree.customer,
    direction: "out",
    startedAt: "2026-11-30T10:00:00Z",
    answeredAt: "2026-11-30T10:00:05Z",
    endedAt: "2026-11-30T10:10:05Z",
    from: "+33199001234",
    to: "+12125550123",
    device: "1002@bistro.sip.localhost",
    ...overrides,
  };
}

async function send(records: unknown[], key = serviceKey, raw?: string) {
  const response = await handleCallRecords(
    new Request("http://localhost/api/platform/call-records", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: raw ?? JSON.stringify({ records }),
    }),
    app,
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything a batch may write, read past the policies: nothing may change when a batch is refused. */
async function everything() {
  const [row] = await owner.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT count(*) FROM call_ids) AS ids, (SELECT count(*) FROM call_records) AS records,
           (SELECT count(*) FROM call_charges) AS charges, (SELECT coalesce(sum(calls), 0) FROM usage_daily) AS usage,
           (SELECT count(*) FROM ledger_entries) AS entries, (SELECT coalesce(sum(balance_minor), 0) FROM wallets) AS balances`;
  return row;
}

const chargesOf = (callId: string) =>
  owner.callCharge.findMany({ where: { callId }, orderBy: { chargedMinor: "asc" } });

describe("a batch", () => {
  it("rates each call at every level, each account at its parent's price, and charges every wallet", async () => {
    const before = await owner.wallet.findMany({ where: { accountId: { in: made } } });
    // Ten minutes answered to a US number: the deck's 0.01/min in 6/6 increments.
    const call = cdr();
    const answer = await send([call]);
    expect(answer).toEqual({ status: 200, body: { recorded: 1, repeated: 0 } });

    // top: 600 s x 10,000 micros/min = 100,000 micros = 10 cents; middle: +25% = 12,500/min ->
    // 125,000 micros -> 12.5 -> 13 cents; customer: +10% of 12,500 = 13,750/min -> 137,500 micros -> 14 cents.
    const charges = await chargesOf(String(call.callId));
    expect(
      charges.map((charge) => [charge.accountId, Number(charge.chargedMinor), Number(charge.revenueMinor ?? -1)]),
    ).toEqual([
      [tree.top, 10, 13],
      [tree.middle, 13, 14],
      [tree.customer, 14, -1],
    ]);
    expect(charges.map((charge) => charge.viaAccountId)).toEqual([tree.middle, tree.customer, tree.customer]);
    const record = await owner.callRecord.findFirstOrThrow({ where: { callId: String(call.callId) } });
    expect(record).toMatchObject({ accountId: tree.customer, durationSeconds: 600, billedSeconds: 600 });
    expect(Number(record.chargedMinor)).toBe(14);

    const after = await owner.wallet.findMany({ where: { accountId: { in: made } } });
    const change = (id: string) =>
      Number(after.find((w) => w.accountId === id)?.balanceMinor) -
      Number(before.find((w) => w.accountId === id)?.balanceMinor);
    expect([change(tree.top), change(tree.middle), change(tree.customer)]).toEqual([-10, -13, -14]);
  });

  it("uses a reseller's own price where its override matches, and rounds each level up", async () => {
    // 61 s to the UK: top pays the deck's catch-all 0.05 in 60/60 (120 s -> 10 cents); the top's
    // override 0.09 in 60/60 for the middle (120 s -> 18 cents); the middle's +10% -> 99,000/min -> 19.8 -> 20 cents.
    const call = cdr({ to: "+442079460000", answeredAt: "2026-11-30T10:00:00Z", endedAt: "2026-11-30T10:01:01Z" });
    await send([call]);
    const charges = await chargesOf(String(call.callId));
    expect(charges.map((charge) => [Number(charge.billedSeconds), Number(charge.chargedMinor)])).toEqual([
      [120, 10],
      [120, 18],
      [120, 20],
    ]);
  });

  it("is recorded once: the same batch again changes nothing", async () => {
    const batch = [cdr(), cdr({ direction: "in", to: "+33199001235", from: "+12125550199" })];
    expect((await send(batch)).body).toEqual({ recorded: 2, repeated: 0 });
    const before = await everything();
    expect(await send(batch)).toEqual({ status: 200, body: { recorded: 0, repeated: 2 } });
    // The same call with its times written in another offset is the same call.
    const shifted = { ...batch[0], startedAt: "2026-11-30T11:00:00+01:00" };
    expect((await send([shifted])).body).toEqual({ recorded: 0, repeated: 1 });
    expect(await everything()).toEqual(before);
  });

  it("holding the same call twice records it once", async () => {
    const call = cdr();
    expect((await send([call, { ...call }])).body).toEqual({ recorded: 1, repeated: 1 });
    expect(await chargesOf(String(call.callId))).toHaveLength(3);
    // A problem still names the record by its place in the batch as sent.
    const again = cdr();
    const refused = await send([again, { ...again }, cdr({ accountId: randomUUID() })]);
    expect(refused.body).toMatchObject({ error: { reason: "unknown_account", field: "records.2.accountId" } });
  });

  it("with a call id recorded before with other content is refused whole", async () => {
    const first = cdr();
    await send([first]);
    const before = await everything();
    const answer = await send([cdr(), { ...first, to: "+12125550999" }]);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: "CONFLICT", reason: "call_id_conflict" } });
    expect(JSON.stringify(answer.body)).toContain(String(first.callId));
    expect(await everything()).toEqual(before);
  });

  it.each([
    ["a negative duration", { durationSeconds: -5, endedAt: undefined }, "records.0.durationSeconds"],
    ["an end before the answer", { endedAt: "2026-11-30T09:00:00Z" }, "records.0.endedAt"],
    ["an unknown account", { accountId: randomUUID() }, "records.0.accountId"],
    ["a number that is not E.164", { to: "0199001234" }, "records.0.to"],
    ["a duration that disagrees with the times", { durationSeconds: 7 }, "records.0.durationSeconds"],
    ["an unknown field", { price: 0 }, "records.0"],
  ])("with %s is refused, naming the field, and writes nothing", async (_name, change, field) => {
    const before = await everything();
    const answer = await send([cdr(change)]);
    expect(answer.status).toBe(400);
    const error = answer.body.error as { problems: { field: string | null }[] };
    expect(error.problems.map((each) => each.field)).toContain(field);
    expect(await everything()).toEqual(before);
  });

  it("with a bad, a revoked or a missing service key is refused before anything is read", async () => {
    const before = await everything();
    const forged = `vrs_AAAAAAAA_${"A".repeat(32)}`;
    expect((await send([cdr()], forged)).status).toBe(401);
    expect((await send([cdr()], "not-a-key")).body).toMatchObject({ error: { reason: "invalid_service_key" } });
    const { key, prefix } = await createServiceKey(owner, "call records test (revoked)");
    expect((await send([cdr()], key)).status).toBe(200);
    await revokeServiceKey(owner, prefix);
    const after = await everything();
    expect((await send([cdr()], key)).status).toBe(401);
    expect(await everything()).toEqual(after);
    expect(Number(after?.ids)).toBe(Number(before?.ids) + 1);
  });

  it("that is not JSON, empty or too long is refused", async () => {
    expect((await send([], serviceKey, "{")).body).toMatchObject({ error: { reason: "invalid_json" } });
    expect((await send([])).status).toBe(400);
    expect((await send(Array.from({ length: 1001 }, () => cdr()))).status).toBe(400);
  });
});

describe("eight ingesters at once", () => {
  it("replaying overlapping batches charge each call once per level, and the roll-ups equal the raw records", async () => {
    const calls = Array.from({ length: 60 }, (_, index) =>
      cdr({
        accountId: index % 3 === 0 ? tree.other : tree.customer,
        direction: (["out", "in", "dialer"] as const)[index % 3],
        to: ["+12125550123", "+33612345678", "+442079460000", "+33199001234"][index % 4],
        startedAt: `2026-11-${String(20 + (index % 5)).padStart(2, "0")}T10:00:00Z`,
        answeredAt: `2026-11-${String(20 + (index % 5)).padStart(2, "0")}T10:00:01Z`,
        endedAt: `2026-11-${String(20 + (index % 5)).padStart(2, "0")}T10:${String(1 + (index % 50)).padStart(2, "0")}:${String(
          (index * 7) % 60,
        ).padStart(2, "0")}Z`,
      }),
    );
    // Each ingester sends every call, in its own order, in batches of 15.
    const results = await Promise.all(
      Array.from({ length: 8 }, async (_, ingester) => {
        const order = [...calls].sort(
          (a, b) => ((calls.indexOf(a) * (ingester + 3)) % 61) - ((calls.indexOf(b) * (ingester + 3)) % 61),
        );
        let recorded = 0;
        for (let start = 0; start < order.length; start += 15) {
          const answer = await send(order.slice(start, start + 15));
          expect(answer.status, JSON.stringify(answer.body)).toBe(200);
          recorded += Number(answer.body.recorded);
        }
        return recorded;
      }),
    );
    expect(results.reduce((sum, each) => sum + each, 0)).toBe(calls.length);

    const ids = calls.map((call) => String(call.callId));
    const perCall = await owner.$queryRaw<{ call_id: string; levels: bigint }[]>`
      SELECT call_id, count(*) AS levels FROM call_charges WHERE call_id = ANY (${ids}) GROUP BY call_id`;
    expect(perCall).toHaveLength(calls.length);
    expect(perCall.every((row) => Number(row.levels) === 3)).toBe(true);

    // The roll-ups, recomputed from the charges of every call of the tree.
    const mismatches = await owner.$queryRaw<{ account_id: string }[]>`
      WITH recomputed AS (
        SELECT c.account_id, (c.started_at AT TIME ZONE 'UTC')::date AS day, c.via_account_id AS subject, r.direction,
               count(*) AS calls, sum(r.duration_seconds) AS seconds, sum(c.billed_seconds) AS billed,
               sum(c.charged_minor) AS cost, sum(coalesce(c.revenue_minor, c.charged_minor)) AS revenue
          FROM call_charges c JOIN call_records r ON r.call_id = c.call_id AND r.account_id = c.caller_account_id
         WHERE c.account_id = ANY (${made}::uuid[])
         GROUP BY 1, 2, 3, 4
      )
      SELECT coalesce(u.account_id, x.account_id) AS account_id
        FROM (SELECT * FROM usage_daily WHERE account_id = ANY (${made}::uuid[])) u
        FULL JOIN recomputed x
          ON x.account_id = u.account_id AND x.day = u.day AND x.subject = u.subject_account_id AND x.direction = u.direction
       WHERE u.calls IS DISTINCT FROM x.calls::int OR u.seconds IS DISTINCT FROM x.seconds
          OR u.billed_seconds IS DISTINCT FROM x.billed OR u.cost_minor IS DISTINCT FROM x.cost
          OR u.revenue_minor IS DISTINCT FROM x.revenue`;
    expect(mismatches).toEqual([]);
    // The monthly roll-ups are the daily ones summed by month.
    const monthly = await owner.$queryRaw<{ account_id: string }[]>`
      WITH summed AS (
        SELECT account_id, date_trunc('month', day)::date AS month, subject_account_id, direction, sum(calls)::int AS calls,
               sum(seconds) AS seconds, sum(billed_seconds) AS billed, sum(cost_minor) AS cost, sum(revenue_minor) AS revenue
          FROM usage_daily WHERE account_id = ANY (${made}::uuid[]) GROUP BY 1, 2, 3, 4
      )
      SELECT coalesce(m.account_id, x.account_id) AS account_id
        FROM (SELECT * FROM usage_monthly WHERE account_id = ANY (${made}::uuid[])) m
        FULL JOIN summed x ON x.account_id = m.account_id AND x.month = m.month
                          AND x.subject_account_id = m.subject_account_id AND x.direction = m.direction
       WHERE m.calls IS DISTINCT FROM x.calls OR m.seconds IS DISTINCT FROM x.seconds
          OR m.billed_seconds IS DISTINCT FROM x.billed OR m.cost_minor IS DISTINCT FROM x.cost
          OR m.revenue_minor IS DISTINCT FROM x.revenue`;
    expect(monthly).toEqual([]);

    // Every level's usage through a child equals that child's own total; every balance is its ledger's sum.
    const levels = await owner.$queryRaw<
      { parent_calls: bigint; child_calls: bigint; parent_revenue: bigint; child_cost: bigint }[]
    >`
      SELECT (SELECT sum(calls) FROM usage_daily WHERE account_id = ${tree.top}::uuid AND subject_account_id = ${tree.middle}::uuid)::bigint AS parent_calls,
             (SELECT sum(calls) FROM usage_daily WHERE account_id = ${tree.middle}::uuid)::bigint AS child_calls,
             (SELECT sum(revenue_minor) FROM usage_daily WHERE account_id = ${tree.top}::uuid AND subject_account_id = ${tree.middle}::uuid)::bigint AS parent_revenue,
             (SELECT sum(cost_minor) FROM usage_daily WHERE account_id = ${tree.middle}::uuid)::bigint AS child_cost`;
    expect(Number(levels[0]?.parent_calls)).toBeGreaterThan(0);
    expect(levels[0]?.parent_calls).toBe(levels[0]?.child_calls);
    expect(levels[0]?.parent_revenue).toBe(levels[0]?.child_cost);
    const unbalanced = await owner.$queryRaw<{ account_id: string }[]>`
      SELECT w.account_id FROM wallets w
       WHERE w.account_id = ANY (${made}::uuid[])
         AND w.balance_minor <> coalesce((SELECT sum(amount_minor) FROM ledger_entries e WHERE e.account_id = w.account_id), 0)`;
    expect(unbalanced).toEqual([]);
  });
});

describe("what people read of their calls", () => {
  async function ownerOf(accountId: string) {
    const user = await owner.user.create({
      data: {
        accountId,
        email: `owner-${randomUUID().slice(0, 8)}@cdr.test`,
        name: "CDR owner",
        role: "owner",
        passwordHash: "not used",
      },
    });
    return callerAs(app, { accountId, userId: user.id });
  }

  it("a customer pages through its calls newest first, filtered and searched; its reseller reads them too", async () => {
    const customer = await ownerOf(tree.other);
    const all = [];
    let cursor: string | undefined;
    do {
      const page = await customer.billing.calls({ limit: 7, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const [{ count }] = (await owner.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM call_records WHERE account_id = ${tree.other}::uuid`) as [{ count: bigint }];
    expect(all).toHaveLength(Number(count));
    expect(all.length).toBeGreaterThan(7);
    const starts = all.map((call) => call.startedAt.getTime());
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);

    const outgoing = await customer.billing.calls({ direction: "out", limit: 100 });
    expect(outgoing.items.length).toBeGreaterThan(0);
    expect(outgoing.items.every((call) => call.direction === "out")).toBe(true);
    const searched = await customer.billing.calls({ search: "+1 (212) 555", limit: 100 });
    expect(searched.items.length).toBeGreaterThan(0);
    expect(searched.items.every((call) => `${call.from}${call.to}`.includes("1212555"))).toBe(true);
    const oneDay = await customer.billing.calls({ fromDay: "2026-11-21", toDay: "2026-11-21", limit: 100 });
    expect(oneDay.items.length).toBeGreaterThan(0);
    expect(oneDay.items.every((call) => call.startedAt.toISOString().startsWith("2026-11-21"))).toBe(true);

    const reseller = await ownerOf(tree.top);
    const seenAbove = await reseller.billing.calls({ accountId: tree.other, limit: 100 });
    expect(seenAbove.items.map((call) => call.callId).sort()).toEqual(
      all
        .map((call) => call.callId)
        .slice(0, 100)
        .sort(),
    );
  });

  it("usage by day adds up to the account's calls and charges", async () => {
    const customer = await ownerOf(tree.customer);
    const { days } = await customer.billing.usage({ fromDay: "2026-01-01", toDay: "2026-12-31" });
    const [totals] = await owner.$queryRaw<{ calls: bigint; charged: bigint }[]>`
      SELECT count(*) AS calls, sum(charged_minor)::bigint AS charged FROM call_records WHERE account_id = ${tree.customer}::uuid`;
    expect(days.reduce((sum, day) => sum + day.calls, 0)).toBe(Number(totals?.calls));
    expect(days.reduce((sum, day) => sum + day.costMinor, 0)).toBe(Number(totals?.charged));
    expect(days.map((day) => day.day)).toEqual([...days.map((day) => day.day)].sort());
  });

  it("a reseller's report shows each child's revenue, the reseller's cost and margin, from its own rows", async () => {
    const reseller = await ownerOf(tree.top);
    const report = await reseller.billing.childrenReport({ fromDay: "2026-01-01", toDay: "2026-12-31" });
    expect(report.children.map((child) => child.accountId)).toEqual([tree.middle]);
    const [middle] = report.children;
    const [below] = await owner.$queryRaw<{ calls: bigint; cost: bigint }[]>`
      SELECT sum(calls)::bigint AS calls, sum(cost_minor)::bigint AS cost FROM usage_daily WHERE account_id = ${tree.middle}::uuid`;
    const [paid] = await owner.$queryRaw<{ charged: bigint }[]>`
      SELECT sum(charged_minor)::bigint AS charged FROM call_charges WHERE account_id = ${tree.top}::uuid`;
    expect(middle?.calls).toBe(Number(below?.calls));
    expect(middle?.revenueMinor).toBe(Number(below?.cost));
    expect(middle?.costMinor).toBe(Number(paid?.charged));
    expect(middle?.marginMinor).toBe((middle?.revenueMinor ?? 0) - (middle?.costMinor ?? 0));
    expect(middle?.marginMinor).toBeGreaterThan(0);
    expect(report.granularity).toBe("month");
    expect(report.series.reduce((sum, bucket) => sum + bucket.marginMinor, 0)).toBe(report.totals.marginMinor);
    // Read by month or by day, the same period adds up to the same money.
    const { withTenant } = await import("@/server/db/tenant");
    const { childrenReport } = await import("@/server/reports/children-report");
    const byDay = await withTenant(app, tree.top, (tx) =>
      childrenReport(tx, tree.top, { fromDay: "2026-11-15", toDay: "2026-11-30" }),
    );
    const mixed = await withTenant(app, tree.top, (tx) =>
      childrenReport(tx, tree.top, { fromDay: "2026-10-15", toDay: "2026-11-30" }),
    );
    const [recomputed] = await owner.$queryRaw<{ revenue: bigint; cost: bigint }[]>`
      SELECT sum(revenue_minor)::bigint AS revenue, sum(charged_minor)::bigint AS cost FROM call_charges
       WHERE account_id = ${tree.top}::uuid AND started_at >= '2026-11-15' AND started_at < '2026-12-01'`;
    expect(byDay.granularity).toBe("day");
    expect(byDay.totals.revenueMinor).toBe(Number(recomputed?.revenue));
    expect(byDay.totals.costMinor).toBe(Number(recomputed?.cost));
    expect(mixed.totals).toEqual(report.totals);
    expect(byDay.series.reduce((sum, bucket) => sum + bucket.revenueMinor, 0)).toBe(byDay.totals.revenueMinor);
    // One child charted: its own calls only, the totals per child unchanged.
    const oneChild = await reseller.billing.childrenReport({ ...period2026(), accountId: tree.middle });
    expect(oneChild.children).toEqual(report.children);
    expect(oneChild.series.reduce((sum, bucket) => sum + bucket.calls, 0)).toBe(middle?.calls);
    await expect(reseller.billing.childrenReport({ ...period2026(), accountId: tree.customer })).rejects.toThrow(
      /No such account among yours/,
    );
    expect(report.own).toEqual({ calls: 0, seconds: 0, costMinor: 0 });
    // A customer has no children to report on.
    const customer = await ownerOf(tree.customer);
    await expect(customer.billing.childrenReport({ fromDay: "2026-01-01", toDay: "2026-12-31" })).rejects.toThrow(
      /Only reseller accounts/,
    );
  });

  it("exports the report and an account's calls as CSV, streamed a page at a time", async () => {
    // More calls than one page holds (100).
    const more = await send(Array.from({ length: 150 }, () => cdr({ accountId: tree.other })));
    expect(more.body).toEqual({ recorded: 150, repeated: 0 });
    const reseller = await ownerOf(tree.top);
    const period = { fromDay: "2026-01-01", toDay: "2026-12-31" };
    const report = await csvResponse("report.csv", CHILDREN_COLUMNS, childrenReportPages(reseller, period), "test");
    expect(report.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [header, middleRow, ...rest] = (await report.text()).trim().split("\n");
    expect(header).toBe("account,slug,calls,minutes,currency,revenue,cost,margin");
    expect(middleRow).toMatch(
      /^CDR middle,cdr-middle-[0-9a-f]{8},\d+,\d+\.\d{2},USD,\d+\.\d{2},\d+\.\d{2},\d+\.\d{2}$/,
    );
    expect(rest).toEqual([]);

    const calls = await csvResponse(
      "calls.csv",
      CALL_COLUMNS,
      callPages(reseller, { accountId: tree.other, ...period }),
      "test",
    );
    const lines = (await calls.text()).trim().split("\n");
    const [{ count }] = (await owner.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM call_records WHERE account_id = ${tree.other}::uuid`) as [{ count: bigint }];
    expect(Number(count)).toBeGreaterThan(100);
    expect(lines).toHaveLength(Number(count) + 1);
    expect(lines[0]).toBe(
      "call_id,direction,started_at,answered_at,ended_at,duration_seconds,billed_seconds,from,to,device,currency,cost",
    );

    // Someone else's account is a refusal with its status, never a file.
    const outsider = await ownerOf(tree.customer);
    const refused = await csvResponse(
      "calls.csv",
      CALL_COLUMNS,
      callPages(outsider, { accountId: tree.other, ...period }),
      "test",
    );
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ error: { reason: "account_not_found" } });
  });

  it("billing.plan gives the plan, its limits, the account's use of each and this month's calls", async () => {
    const customer = await ownerOf(tree.customer);
    const now = new Date("2026-11-30T12:00:00Z");
    const { currentPlan } = await import("@/server/billing/plan");
    const { withTenant } = await import("@/server/db/tenant");
    const view = await withTenant(app, tree.customer, (tx) => currentPlan(tx, tree.customer, now));
    const [month] = await owner.$queryRaw<{ calls: bigint }[]>`
      SELECT sum(calls)::bigint AS calls FROM usage_daily WHERE account_id = ${tree.customer}::uuid AND day >= '2026-11-01'`;
    expect(view.thisMonth.calls).toBe(Number(month?.calls));
    expect(view.thisMonth.calls).toBeGreaterThan(0);
    const answered = await customer.billing.plan();
    expect(answered.plan).toEqual({
      id: "starter",
      name: "Starter",
      limits: { concurrentCalls: 2, users: 5, departments: 3 },
      features: { recording: true, aiTranscription: false, advancedAnalytics: false },
    });
    const seats = await owner.user.count({ where: { accountId: tree.customer, status: { not: "deactivated" } } });
    expect(seats).toBeGreaterThan(0);
    expect(answered.usage.find((meter) => meter.resource === "users")).toEqual({
      resource: "users",
      label: "Users",
      used: seats,
      limit: 5,
    });
  });

  it("a reseller's own prices, set and removed through its price list, are what its children pay", async () => {
    const reseller = await ownerOf(tree.top);
    const list = await reseller.billing.setPrice({
      direction: "out",
      prefix: "49",
      pricePerMinuteMicros: 300_000,
      increment: { first: 60, next: 60 },
    });
    const price = list.overrides.find((each) => each.prefix === "49");
    expect(price).toMatchObject({
      direction: "out",
      pricePerMinuteMicros: 300_000,
      increment: { first: 60, next: 60 },
    });
    expect(list.markupBasisPoints).toBe(2500);

    // 30 s to Germany: the middle reseller pays the top's own price, 0.30/min for a whole minute = 30 cents.
    const call = cdr({ to: "+4930123456", answeredAt: "2026-11-30T10:00:00Z", endedAt: "2026-11-30T10:00:30Z" });
    await send([call]);
    const charges = await owner.callCharge.findMany({ where: { callId: String(call.callId) } });
    expect(Number(charges.find((charge) => charge.accountId === tree.middle)?.chargedMinor)).toBe(30);

    // Removed, the markup applies again: the deck's 0.05/min catch-all +25% = 0.0625/min for 60 s -> 7 cents.
    if (!price) throw new Error("the price was not set");
    const after = await reseller.billing.removePrice({ overrideId: price.id });
    expect(after.overrides.some((each) => each.prefix === "49")).toBe(false);
    const later = cdr({ to: "+4930123456", answeredAt: "2026-11-30T11:00:00Z", endedAt: "2026-11-30T11:00:30Z" });
    await send([later]);
    const laterCharges = await owner.callCharge.findMany({ where: { callId: String(later.callId) } });
    expect(Number(laterCharges.find((charge) => charge.accountId === tree.middle)?.chargedMinor)).toBe(7);

    // The markup itself, and a price that is not one.
    expect((await reseller.billing.setMarkup({ markupBasisPoints: 3000 })).markupBasisPoints).toBe(3000);
    await reseller.billing.setMarkup({ markupBasisPoints: 2500 });
    await expect(
      reseller.billing.setPrice({
        direction: "out",
        prefix: "+44",
        pricePerMinuteMicros: 1,
        increment: { first: 1, next: 1 },
      }),
    ).rejects.toThrow(/up to 15 digits/);
    await expect(reseller.billing.removePrice({ overrideId: price.id })).rejects.toThrow(/No such price/);
    const audit = await owner.auditEntry.count({ where: { accountId: tree.top, action: "billing.price_list" } });
    expect(audit).toBe(4);
  });

  it("a reseller's business summary counts its accounts, this month's money and who is over credit below it", async () => {
    const reseller = await ownerOf(tree.top);
    const { businessSummary } = await import("@/server/reports/business");
    const { withTenant } = await import("@/server/db/tenant");
    const summary = await withTenant(app, tree.top, (tx) =>
      businessSummary(tx, tree.top, new Date("2026-11-30T12:00:00Z")),
    );
    expect(summary.accounts).toEqual({ active: 1, suspended: 0, closed: 0 });
    const month = await reseller.billing.childrenReport({ fromDay: "2026-11-01", toDay: "2026-11-30" });
    expect(summary.thisMonth).toEqual({ fromDay: "2026-11-01", toDay: "2026-11-30", ...month.totals });
    // Charges took every wallet below zero with no credit: all three accounts below are over credit.
    expect(summary.overCredit.map((each) => each.accountId).sort()).toEqual(
      [tree.middle, tree.customer, tree.other].sort(),
    );
    expect(summary.overCredit.every((each) => each.balanceMinor < -each.creditLimitMinor)).toBe(true);
    expect((await reseller.billing.business()).accounts.active).toBe(1);
  });
});
