/**
 * Wallets and the ledger (issue 11, migration 20261201000000): top-ups, refunds and adjustments by
 * the parent, credit limits, idempotency keys, over-credit accounts and app_can_spend, the
 * database's own guarantees (append-only, balance kept by the trigger, the parent alone posts),
 * and concurrent postings against one limit.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { postPlatformEntry } from "@/server/billing/post-entry";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { csvResponse } from "@/server/reports/csv-response";
import { STATEMENT_COLUMNS, statementPages } from "@/server/reports/exports";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";
import { removeAccountsWithMoney } from "@/tests/helpers/remove-accounts";
import { createTestAccount } from "@/tests/helpers/test-accounts";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
/** Accounts of this file alone, below VoiceReseller: a customer, a reseller and the reseller's customer. */
const made = { customer: "", reseller: "", grandchild: "" };
/** Every account this file makes, in the order made, for the clean-up. */
const everyMade: string[] = [];

async function makeAccount(slug: string, parentId: string | null, isReseller = false): Promise<string> {
  const id = await createTestAccount(owner, { slug, parentId, isReseller });
  everyMade.push(id);
  return id;
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 10 }));
  const suffix = randomUUID().slice(0, 8);
  made.customer = await makeAccount(`bill-customer-${suffix}`, ids.voicereseller.accountId);
  made.reseller = await makeAccount(`bill-reseller-${suffix}`, ids.voicereseller.accountId, true);
  made.grandchild = await makeAccount(`bill-grandchild-${suffix}`, made.reseller);
});

afterAll(async () => {
  await removeAccountsWithMoney(owner, everyMade);
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

const reseller = () => callerAs(app, { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId });

/** The balance as kept on the wallet and as the sum of the ledger, read past the policies. */
async function books(accountId: string) {
  const [row] = await owner.$queryRaw<{ balance: bigint; sum: bigint | null; entries: bigint }[]>`
    SELECT w.balance_minor AS balance,
           (SELECT sum(amount_minor) FROM ledger_entries e WHERE e.account_id = w.account_id) AS sum,
           (SELECT count(*) FROM ledger_entries e WHERE e.account_id = w.account_id) AS entries
      FROM wallets w WHERE w.account_id = ${accountId}::uuid`;
  if (!row) throw new Error(`no wallet for ${accountId}`);
  return { balance: Number(row.balance), sum: Number(row.sum ?? 0), entries: Number(row.entries) };
}

async function reasonOf(call: Promise<unknown>) {
  const error = await trpcError(call);
  return { code: error.code, reason: problemsOf(error)[0]?.reason, field: problemsOf(error)[0]?.field };
}

describe("a wallet", () => {
  it("is opened with every account, in its parent's currency, empty and able to spend", async () => {
    const wallet = await reseller().billing.wallet({ accountId: made.customer });
    expect(wallet).toEqual({
      accountId: made.customer,
      currency: "USD",
      balanceMinor: 0,
      creditLimitMinor: 0,
      availableMinor: 0,
      overCredit: false,
      canSpend: true,
      alertThresholdMinor: null,
      belowAlertThreshold: false,
      lastAlert: null,
    });
  });

  it("is not shown for an account outside the tenant's tree", async () => {
    expect(await reasonOf(reseller().billing.wallet({ accountId: ids.acme.accountId }))).toMatchObject({
      code: "NOT_FOUND",
      reason: "account_not_found",
    });
  });
});

describe("a top-up", () => {
  it("credits the child's wallet once, shows in both ledgers and in the audit log", async () => {
    const key = randomUUID();
    const entry = await reseller().billing.topUp({
      accountId: made.customer,
      amountMinor: 2500,
      reason: "Prepaid credit",
      idempotencyKey: key,
    });
    expect(entry).toMatchObject({ kind: "top_up", amountMinor: 2500, balanceAfterMinor: 2500, replayed: false });
    expect(await books(made.customer)).toEqual({ balance: 2500, sum: 2500, entries: 1 });

    const seenByReseller = await reseller().billing.entries({ accountId: made.customer, limit: 10 });
    expect(seenByReseller.items[0]).toMatchObject({
      id: entry.id,
      author: { own: true, label: ids.voicereseller.ownerEmail },
    });
    const audit = await owner.auditEntry.findMany({ where: { accountId: made.customer, action: "billing.top_up" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ entryId: entry.id, amountMinor: 2500 });
  });

  it("with the same key and request answers the first entry and credits nothing more", async () => {
    const key = randomUUID();
    const input = { accountId: made.customer, amountMinor: 100, reason: "Once only", idempotencyKey: key };
    const first = await reseller().billing.topUp(input);
    const before = await books(made.customer);
    const again = await reseller().billing.topUp(input);
    expect(again).toMatchObject({ id: first.id, replayed: true, balanceAfterMinor: first.balanceAfterMinor });
    expect(await books(made.customer)).toEqual(before);
  });

  it("with the same key and another request is refused, and writes nothing", async () => {
    const key = randomUUID();
    await reseller().billing.topUp({
      accountId: made.customer,
      amountMinor: 100,
      reason: "First",
      idempotencyKey: key,
    });
    const before = await books(made.customer);
    expect(
      await reasonOf(
        reseller().billing.topUp({ accountId: made.customer, amountMinor: 999, reason: "First", idempotencyKey: key }),
      ),
    ).toEqual({ code: "CONFLICT", reason: "idempotency_key_reused", field: "idempotencyKey" });
    expect(await books(made.customer)).toEqual(before);
  });

  it("needs an idempotency key", async () => {
    expect(
      await reasonOf(reseller().billing.topUp({ accountId: made.customer, amountMinor: 100, reason: "No key" })),
    ).toEqual({ code: "BAD_REQUEST", reason: "idempotency_key_required", field: "idempotencyKey" });
  });

  it("refuses bad amounts and reasons before anything is written", async () => {
    const before = await books(made.customer);
    const base = { accountId: made.customer, reason: "Bad", idempotencyKey: randomUUID() };
    for (const amountMinor of [0, -5, 1.5, 2_000_000_000_000]) {
      expect(await reasonOf(reseller().billing.topUp({ ...base, amountMinor }))).toMatchObject({
        code: "BAD_REQUEST",
        field: "amountMinor",
      });
    }
    expect(
      await reasonOf(reseller().billing.topUp({ ...base, amountMinor: 100, reason: "line\nbreak" })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "reason" });
    expect(await reasonOf(reseller().billing.topUp({ ...base, amountMinor: 100, reason: "  " }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "reason",
    });
    expect(await books(made.customer)).toEqual(before);
  });

  it("is only for the account's own parent: not a grandchild, not the account itself", async () => {
    const grandchild = {
      accountId: made.grandchild,
      amountMinor: 100,
      reason: "Skip a level",
      idempotencyKey: randomUUID(),
    };
    expect(await reasonOf(reseller().billing.topUp(grandchild))).toMatchObject({
      code: "NOT_FOUND",
      reason: "account_not_found",
    });
    expect(await books(made.grandchild)).toEqual({ balance: 0, sum: 0, entries: 0 });
  });
});

describe("the credit limit", () => {
  it("lets adjustments go below zero only as far as the limit, refusing the rest with nothing written", async () => {
    const child = made.reseller;
    await reseller().billing.setCreditLimit({ accountId: child, creditLimitMinor: 1000 });
    const down = (amountMinor: number, key = randomUUID()) =>
      reseller().billing.adjust({
        accountId: child,
        kind: "adjustment",
        amountMinor,
        reason: "Correction",
        idempotencyKey: key,
      });
    await down(-600);
    const key = randomUUID();
    const refused = await reasonOf(down(-600, key));
    expect(refused).toEqual({ code: "BAD_REQUEST", reason: "below_credit_limit", field: "amountMinor" });
    expect(await books(child)).toEqual({ balance: -600, sum: -600, entries: 1 });
    expect(await owner.idempotencyKey.count({ where: { key } })).toBe(0);
    // The refused key was not spent: once the limit allows it, the same request goes through.
    await reseller().billing.setCreditLimit({ accountId: child, creditLimitMinor: 2000 });
    expect(await down(-600, key)).toMatchObject({ balanceAfterMinor: -1200, replayed: false });
    const wallet = await reseller().billing.wallet({ accountId: child });
    expect(wallet).toMatchObject({
      balanceMinor: -1200,
      creditLimitMinor: 2000,
      availableMinor: 800,
      overCredit: false,
    });
  });

  it("is set by the parent alone, and audited", async () => {
    const wallet = await reseller().billing.setCreditLimit({ accountId: made.customer, creditLimitMinor: 5000 });
    expect(wallet.creditLimitMinor).toBe(5000);
    const audit = await owner.auditEntry.findMany({
      where: { accountId: made.customer, action: "billing.credit_limit" },
    });
    expect(audit.at(-1)?.details).toMatchObject({ after: { creditLimitMinor: 5000 } });
    expect(
      await reasonOf(reseller().billing.setCreditLimit({ accountId: made.grandchild, creditLimitMinor: 1 })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await reasonOf(
        reseller().billing.setCreditLimit({ accountId: ids.voicereseller.accountId, creditLimitMinor: 1 }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
  });

  it("is held by PostgreSQL against the account itself, whatever SQL it sends", async () => {
    const own = made.customer;
    await expect(
      withTenant(
        app,
        own,
        (tx) => tx.$executeRaw`UPDATE wallets SET credit_limit_minor = 999999 WHERE account_id = ${own}::uuid`,
      ),
    ).resolves.toBe(0);
    await expect(
      withTenant(
        app,
        own,
        (tx) => tx.$executeRaw`UPDATE wallets SET balance_minor = 999999 WHERE account_id = ${own}::uuid`,
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(
        app,
        own,
        (tx) =>
          tx.$executeRaw`INSERT INTO ledger_entries (account_id, kind, amount_minor, reason) VALUES (${own}::uuid, 'top_up', 100, 'Self')`,
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await reseller().billing.wallet({ accountId: own })).creditLimitMinor).toBe(5000);
  });
});

describe("a call charge", () => {
  it("always posts, and an account past its limit stops itself and everything below it from spending", async () => {
    const over = made.reseller;
    const before = await reseller().billing.wallet({ accountId: over });
    // What rating will post as the platform: a charge larger than what is left.
    await owner.$executeRaw`INSERT INTO ledger_entries (account_id, kind, amount_minor, reason)
      VALUES (${over}::uuid, 'charge', ${-(before.availableMinor + 1)}, 'Call to +33199001234')`;
    const after = await reseller().billing.wallet({ accountId: over });
    expect(after).toMatchObject({ overCredit: true, canSpend: false, availableMinor: -1 });
    expect(await reseller().billing.wallet({ accountId: made.grandchild })).toMatchObject({
      overCredit: false,
      canSpend: false,
    });
    const canSpend = async (account: string) =>
      (await app.$queryRaw<{ ok: boolean }[]>`SELECT app_can_spend(${account}::uuid) AS ok`)[0]?.ok;
    expect(await canSpend(made.grandchild)).toBe(false);
    expect(await canSpend(made.customer)).toBe(true);
    expect(await canSpend(ids.voicereseller.accountId)).toBe(true);
    expect(await canSpend(randomUUID())).toBe(false);
    // A top-up back over the line lets the whole subtree spend again.
    await reseller().billing.topUp({
      accountId: over,
      amountMinor: 1,
      reason: "Settled",
      idempotencyKey: randomUUID(),
    });
    expect(await canSpend(made.grandchild)).toBe(true);
    const kept = await books(over);
    expect(kept.balance).toBe(kept.sum);
  });
});

describe("the ledger", () => {
  it("is never changed or removed, not even by the owner role", async () => {
    const [entry] = await owner.ledgerEntry.findMany({ where: { accountId: made.customer }, take: 1 });
    if (!entry) throw new Error("no entry to try");
    await expect(
      owner.$executeRaw`UPDATE ledger_entries SET amount_minor = 1 WHERE account_id = ${entry.accountId}::uuid AND id = ${entry.id}::uuid`,
    ).rejects.toThrow(/never changed or removed/);
    await expect(
      owner.$executeRaw`DELETE FROM ledger_entries WHERE account_id = ${entry.accountId}::uuid AND id = ${entry.id}::uuid`,
    ).rejects.toThrow(/never changed or removed/);
  });

  it("pages newest first, filters by kind, and tells the customer only that its provider posted", async () => {
    const asCustomerOwner = await owner.user.create({
      data: {
        accountId: made.customer,
        email: `owner-${randomUUID().slice(0, 8)}@billing.test`,
        name: "Customer owner",
        role: "owner",
        passwordHash: "not used",
      },
    });
    const customer = callerAs(app, { accountId: made.customer, userId: asCustomerOwner.id });
    const first = await customer.billing.entries({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items.every((item) => !item.author.own)).toBe(true);
    expect(JSON.stringify(first)).not.toContain(ids.voicereseller.ownerEmail);
    const all = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await customer.billing.entries({ limit: 2, cursor });
      all.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(all.length).toBe((await books(made.customer)).entries);
    const created = all.map((item) => item.createdAt.getTime());
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const topUps = await customer.billing.entries({ kind: "top_up", limit: 100 });
    expect(topUps.items.every((item) => item.kind === "top_up")).toBe(true);
    expect(
      await reasonOf(
        customer.billing.topUp({ accountId: made.customer, amountMinor: 1, reason: "Me", idempotencyKey: "k" }),
      ),
    ).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("at the same time", () => {
  it("eight adjustments against one limit pass only as far as the limit, and the balance is the ledger's sum", async () => {
    const child = await makeAccount(`bill-race-${randomUUID().slice(0, 8)}`, ids.voicereseller.accountId);
    await reseller().billing.setCreditLimit({ accountId: child, creditLimitMinor: 1000 });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        reseller().billing.adjust({
          accountId: child,
          kind: "adjustment",
          amountMinor: -300,
          reason: "Race",
          idempotencyKey: randomUUID(),
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) {
      if (result.status === "rejected") expect(problemsOf(result.reason)[0]?.reason).toBe("below_credit_limit");
    }
    expect(await books(child)).toEqual({ balance: -900, sum: -900, entries: 3 });
  });

  it("eight top-ups with one key credit once, and all answer the same entry", async () => {
    const child = await makeAccount(`bill-once-${randomUUID().slice(0, 8)}`, ids.voicereseller.accountId);
    const input = { accountId: child, amountMinor: 700, reason: "Retry storm", idempotencyKey: randomUUID() };
    const entries = await Promise.all(Array.from({ length: 8 }, () => reseller().billing.topUp(input)));
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(1);
    expect(entries.filter((entry) => !entry.replayed)).toHaveLength(1);
    expect(await books(child)).toEqual({ balance: 700, sum: 700, entries: 1 });
  });
});

describe("the platform", () => {
  it("tops up a platform-direct account once per key, and no other", async () => {
    const direct = await makeAccount(`bill-direct-${randomUUID().slice(0, 8)}`, null);
    const input = {
      accountId: direct,
      kind: "top_up" as const,
      amountMinor: 5000,
      reason: "Platform credit",
      idempotencyKey: randomUUID(),
    };
    const first = await postPlatformEntry(owner, input);
    const again = await postPlatformEntry(owner, input);
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(await books(direct)).toEqual({ balance: 5000, sum: 5000, entries: 1 });
    await expect(
      postPlatformEntry(owner, { ...input, accountId: made.customer, idempotencyKey: randomUUID() }),
    ).rejects.toThrow(DomainError);
  });
});

describe("a monthly statement", () => {
  it("opens with the balance before the month, lists its entries and closes with the balance after them", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const statement = await reseller().billing.statement({ accountId: made.customer, month });
    const kept = await books(made.customer);
    expect(statement.entries).toHaveLength(kept.entries);
    expect(statement.openingMinor).toBe(0);
    expect(statement.closingMinor).toBe(kept.balance);
    const sum = Object.values(statement.totals).reduce((total, each) => total + each, 0);
    expect(statement.openingMinor + sum).toBe(statement.closingMinor);
    const seqOrder = statement.entries.map((entry) => entry.balanceAfterMinor);
    expect(seqOrder.at(-1)).toBe(kept.balance);

    // The month before: nothing yet.
    const [year, number] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
    const previous = new Date(Date.UTC(year, number - 2, 1)).toISOString().slice(0, 7);
    const empty = await reseller().billing.statement({ accountId: made.customer, month: previous });
    expect(empty).toMatchObject({ openingMinor: 0, closingMinor: 0, entries: [] });

    // As CSV: the opening line, one line per entry, the closing line.
    const csv = await csvResponse(
      "statement.csv",
      STATEMENT_COLUMNS,
      statementPages(reseller(), { accountId: made.customer, month }),
      "test",
    );
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("date,kind,reason,currency,amount,balance");
    expect(lines).toHaveLength(kept.entries + 3);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-01,opening_balance,,USD,,0\.00$/);
    expect(lines.at(-1)).toMatch(new RegExp(`closing_balance,,USD,,${(kept.balance / 100).toFixed(2)}$`));

    await expect(reseller().billing.statement({ accountId: ids.acme.accountId, month })).rejects.toThrow(
      /neither yours nor below yours/,
    );
  });
});
