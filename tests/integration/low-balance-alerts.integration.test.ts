/**
 * Low-balance alerts (issue 11, migration 20261201030000): the threshold set by the account or its
 * reseller, one alert per crossing written with the ledger entry that crossed, and its mail, sent
 * through a real SMTP server to the owners and admins of the account and of its reseller, each in
 * the brand its side sees. Also: retries that reach only those not reached, leases shared by
 * parallel senders, the sender's loop, and the reseller's home page.
 */
import { randomUUID } from "node:crypto";
import { createTransport } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startAlertSender } from "@/server/alerts/alert-sender";
import { type DeliveryOptions, deliverDueAlerts } from "@/server/alerts/deliver-alerts";
import { problemsOf } from "@/server/api/error-message";
import { postPlatformEntry } from "@/server/billing/post-entry";
import { handleCallRecords } from "@/server/calls/ingest-request";
import { createServiceKey } from "@/server/calls/platform-service-keys";
import { withTenant } from "@/server/db/tenant";
import { type Mailer, transportMailer } from "@/server/mail/mailer";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase } from "@/tests/helpers/demo-data";
import { removeAccountsWithMoney } from "@/tests/helpers/remove-accounts";
import { SmtpInbox } from "@/tests/helpers/smtp-inbox";
import { createTestAccount } from "@/tests/helpers/test-accounts";

let owner: PrismaClient;
let app: PrismaClient;
let inbox: SmtpInbox;
let smtp: Mailer;
let serviceKey: string;
const suffix = randomUUID().slice(0, 8);
const HOST = `alerts-${suffix}.localhost`;
const LINK_ORIGIN = "http://localhost:3000";
const made: string[] = [];

type Person = { accountId: string; id: string; email: string };
/** A platform-direct reseller (Top Voice, on its own brand host) and two customers it bills. */
const tree = { top: "", customer: "", quiet: "", direct: "" };
const people = {} as Record<
  "topOwner" | "topAdmin" | "topManager" | "owner" | "admin" | "member" | "formerAdmin" | "directOwner",
  Person
>;

async function makeAccount(label: string, parentId: string | null, isReseller = false): Promise<string> {
  const id = await createTestAccount(owner, {
    slug: `alerts-${label}-${suffix}`,
    name: `Alerts ${label}`,
    parentId,
    isReseller,
  });
  made.push(id);
  return id;
}

async function makePerson(
  accountId: string,
  label: string,
  role: "owner" | "admin" | "manager" | "member",
  status: "active" | "deactivated" = "active",
): Promise<Person> {
  const user = await owner.user.create({
    data: {
      accountId,
      email: `${label}-${suffix}@alerts.test`,
      name: `Alerts ${label}`,
      role,
      status,
      passwordHash: "not-used",
    },
  });
  return { accountId, id: user.id, email: user.email };
}

beforeAll(async () => {
  ({ owner, app } = await connectDemoDatabase({ appPoolSize: 10 }));
  inbox = await SmtpInbox.start();
  smtp = transportMailer(createTransport(inbox.url));
  tree.top = await makeAccount("top", null, true);
  await owner.hostMapping.create({
    data: { hostname: HOST, accountId: tree.top, kind: "brand", isPrimary: true, verified: true },
  });
  tree.customer = await makeAccount("customer", tree.top);
  tree.quiet = await makeAccount("quiet", tree.top);
  tree.direct = await makeAccount("direct", null);
  people.topOwner = await makePerson(tree.top, "top-owner", "owner");
  people.topAdmin = await makePerson(tree.top, "top-admin", "admin");
  people.topManager = await makePerson(tree.top, "top-manager", "manager");
  people.owner = await makePerson(tree.customer, "owner", "owner");
  people.admin = await makePerson(tree.customer, "admin", "admin");
  people.member = await makePerson(tree.customer, "member", "member");
  people.formerAdmin = await makePerson(tree.customer, "former-admin", "admin", "deactivated");
  people.directOwner = await makePerson(tree.direct, "direct-owner", "owner");
  await makePerson(tree.quiet, "quiet-owner", "owner");
  // Top Voice brands its portal; the customer shows its own name in its portal.
  await top().branding.update({ accountId: tree.top, changes: { brandName: "Top Voice" } });
  await top().branding.update({ accountId: tree.customer, changes: { brandName: "Customer Phones" } });
  ({ key: serviceKey } = await createServiceKey(owner, `alerts test ${suffix}`));
});

afterAll(async () => {
  await inbox.close();
  await owner.platformServiceKey.deleteMany({ where: { name: `alerts test ${suffix}` } });
  await removeAccountsWithMoney(owner, made);
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

const as = (person: Person) => callerAs(app, { accountId: person.accountId, userId: person.id });
const top = () => as(people.topOwner);
const customer = () => as(people.owner);
const options = (mailer: Mailer = smtp): DeliveryOptions => ({ mailer, linkOrigin: LINK_ORIGIN });

async function post(accountId: string, amountMinor: number) {
  return amountMinor > 0
    ? top().billing.topUp({ accountId, amountMinor, reason: "Test credit", idempotencyKey: randomUUID() })
    : top().billing.adjust({
        accountId,
        kind: "adjustment",
        amountMinor,
        reason: "Test debit",
        idempotencyKey: randomUUID(),
      });
}

/** The account's alerts, oldest first, read past the policies. */
function alertsOf(accountId: string) {
  return owner.lowBalanceAlert.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } });
}

/** Delivers until the account has no alert waiting (other files' alerts may be delivered alongside). */
async function deliverAll(accountId: string, delivery: DeliveryOptions = options()) {
  for (let round = 0; round < 20; round += 1) {
    await deliverDueAlerts(app, delivery);
    const waiting = await owner.lowBalanceAlert.count({
      where: { accountId, sentAt: null, nextAttemptAt: { lte: new Date() }, attempts: { lt: 8 } },
    });
    if (waiting === 0) return;
  }
  throw new Error(`alerts of ${accountId} are still waiting`);
}

async function reasonOf(call: Promise<unknown>) {
  const error = await trpcError(call);
  return { code: error.code, reason: problemsOf(error)[0]?.reason, field: problemsOf(error)[0]?.field };
}

describe("the threshold", () => {
  it("is set by the account itself and by its reseller, shown on the wallet, and audited", async () => {
    const own = await customer().billing.setAlertThreshold({ thresholdMinor: 1000 });
    expect(own).toMatchObject({ accountId: tree.customer, alertThresholdMinor: 1000, belowAlertThreshold: true });
    const byReseller = await top().billing.setAlertThreshold({ accountId: tree.customer, thresholdMinor: 2000 });
    expect(byReseller.alertThresholdMinor).toBe(2000);
    expect((await customer().billing.wallet({})).alertThresholdMinor).toBe(2000);
    const audit = await owner.auditEntry.findMany({
      where: { accountId: tree.customer, action: "billing.alert_threshold" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit).toHaveLength(2);
    expect(audit.map((entry) => entry.details)).toEqual(
      expect.arrayContaining([
        { before: { thresholdMinor: null }, after: { thresholdMinor: 1000 } },
        { before: { thresholdMinor: 1000 }, after: { thresholdMinor: 2000 } },
      ]),
    );
    // The same value again changes and audits nothing.
    await top().billing.setAlertThreshold({ accountId: tree.customer, thresholdMinor: 2000 });
    expect(
      await owner.auditEntry.count({ where: { accountId: tree.customer, action: "billing.alert_threshold" } }),
    ).toBe(2);
  });

  it("is turned off with null", async () => {
    await top().billing.setAlertThreshold({ accountId: tree.quiet, thresholdMinor: 500 });
    const off = await top().billing.setAlertThreshold({ accountId: tree.quiet, thresholdMinor: null });
    expect(off).toMatchObject({ alertThresholdMinor: null, belowAlertThreshold: false });
    expect(await owner.lowBalanceThreshold.findUnique({ where: { accountId: tree.quiet } })).toBeNull();
  });

  it("is refused for another account, for a role without billing:write, and out of range, changing nothing", async () => {
    const before = await owner.lowBalanceThreshold.findMany({ where: { accountId: { in: made } } });
    // A customer setting its sibling's; the reseller's own parent is the platform.
    expect(await reasonOf(customer().billing.setAlertThreshold({ accountId: tree.quiet, thresholdMinor: 1 }))).toEqual({
      code: "NOT_FOUND",
      reason: "account_not_found",
      field: "accountId",
    });
    expect(
      await reasonOf(customer().billing.setAlertThreshold({ accountId: tree.top, thresholdMinor: 1 })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await reasonOf(as(people.member).billing.setAlertThreshold({ thresholdMinor: 1 }))).toMatchObject({
      code: "FORBIDDEN",
    });
    for (const thresholdMinor of [-1, 1.5, 1_000_000_000_001]) {
      expect(await reasonOf(customer().billing.setAlertThreshold({ thresholdMinor }))).toMatchObject({
        code: "BAD_REQUEST",
        field: "thresholdMinor",
      });
    }
    expect(await owner.lowBalanceThreshold.findMany({ where: { accountId: { in: made } } })).toEqual(before);
  });

  it("cannot be written by a grandparent or a sibling, even in raw SQL", async () => {
    const direct = await withTenant(
      app,
      tree.quiet,
      (tx) =>
        tx.$executeRaw`UPDATE low_balance_thresholds SET threshold_minor = 1 WHERE account_id = ${tree.customer}::uuid`,
    );
    expect(direct).toBe(0);
    await expect(
      withTenant(
        app,
        tree.quiet,
        (tx) =>
          tx.$executeRaw`INSERT INTO low_balance_thresholds (account_id, threshold_minor) VALUES (${tree.direct}::uuid, 1)`,
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe("a crossing", () => {
  it("writes one alert with the entry that crossed, and mails each side in its own brand", async () => {
    // Threshold 20.00 (set above); the balance goes 0 -> 50.00 -> 15.00.
    await post(tree.customer, 5000);
    expect(await alertsOf(tree.customer)).toHaveLength(0);
    const crossing = await post(tree.customer, -3500);
    const [alert] = await alertsOf(tree.customer);
    expect(alert).toMatchObject({
      entryId: crossing.id,
      currency: "USD",
      thresholdMinor: 2000n,
      balanceBeforeMinor: 5000n,
      balanceAfterMinor: 1500n,
      sentAt: null,
    });

    // Until it is mailed, both sides' wallets say it waits.
    const waiting = { balanceMinor: 1500, mailed: false, at: alert?.createdAt };
    expect((await customer().billing.wallet({})).lastAlert).toEqual(waiting);
    expect((await top().billing.wallet({ accountId: tree.customer })).lastAlert).toEqual(waiting);

    await deliverAll(tree.customer);
    expect((await customer().billing.wallet({})).lastAlert).toEqual({ ...waiting, mailed: true });

    const own = await inbox.waitForMessageTo(people.owner.email);
    expect(own.fromName).toBe("Customer Phones");
    expect(own.subject).toBe("Low balance: Alerts customer is below $20.00");
    expect(own.text).toContain("is now $15.00, below your low-balance alert of $20.00");
    expect(own.links).toEqual([`http://${HOST}:3000/billing`]);
    expect(own.html).not.toContain("Top Voice");
    expect((await inbox.waitForMessageTo(people.admin.email)).subject).toBe(own.subject);

    const reseller = await inbox.waitForMessageTo(people.topOwner.email);
    expect(reseller.fromName).toBe("Top Voice");
    expect(reseller.subject).toBe("Low balance: your customer Alerts customer is below $20.00");
    expect(reseller.links).toEqual([`http://${HOST}:3000/accounts/${tree.customer}/wallet`]);
    expect(reseller.html).not.toContain("Customer Phones");
    await inbox.waitForMessageTo(people.topAdmin.email);

    for (const person of [people.member, people.formerAdmin, people.topManager]) {
      expect(inbox.messagesTo(person.email)).toHaveLength(0);
    }
    const [sent] = await alertsOf(tree.customer);
    expect(sent?.sentAt).not.toBeNull();
    expect([...(sent?.sentTo ?? [])].sort()).toEqual(
      [people.owner.id, people.admin.id, people.topOwner.id, people.topAdmin.id].sort(),
    );
    // Delivered once: another round mails nobody.
    const mailed = inbox.messages.length;
    await deliverAll(tree.customer);
    expect(inbox.messages.length).toBe(mailed);
  });

  it("is one per crossing: further charges below make none, coming back up and down again makes another", async () => {
    await post(tree.customer, -500);
    expect(await alertsOf(tree.customer)).toHaveLength(1);
    await post(tree.customer, 500);
    await post(tree.customer, 1000); // 25.00: above again
    expect(await alertsOf(tree.customer)).toHaveLength(1);
    await post(tree.customer, -500); // exactly 20.00 is not below
    expect(await alertsOf(tree.customer)).toHaveLength(1);
    await post(tree.customer, -1); // 19.99
    const alerts = await alertsOf(tree.customer);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatchObject({ balanceBeforeMinor: 2000n, balanceAfterMinor: 1999n });
    await deliverAll(tree.customer);
    expect(inbox.messagesTo(people.owner.email)).toHaveLength(2);
    expect(inbox.messagesTo(people.topOwner.email)).toHaveLength(2);
  });

  it("is made by call charges too, in the batch's one charge", async () => {
    await post(tree.customer, 5000); // 69.99
    await top().billing.setAlertThreshold({ accountId: tree.customer, thresholdMinor: 6990 });
    const response = await handleCallRecords(
      new Request("http://localhost/api/platform/call-records", {
        method: "POST",
        headers: { authorization: `Bearer ${serviceKey}`, "content-type": "application/json" },
        body: JSON.stringify({
          records: [
            {
              callId: `alert-call-${randomUUID()}`,
              accountId: tree.customer,
              direction: "out",
              startedAt: "2026-11-30T10:00:00Z",
              answeredAt: "2026-11-30T10:00:05Z",
              endedAt: "2026-11-30T10:10:05Z",
              from: "+33199001234",
              to: "+12125550123",
              device: "1002@alerts.sip.localhost",
            },
          ],
        }),
      }),
      app,
    );
    expect(response.status).toBe(200);
    const alerts = await alertsOf(tree.customer);
    expect(alerts).toHaveLength(3);
    const entry = await owner.ledgerEntry.findFirstOrThrow({
      where: { accountId: tree.customer, id: alerts[2]?.entryId ?? "" },
    });
    expect(entry.kind).toBe("charge");
    await deliverAll(tree.customer);
  });

  it("is not made by a posting the credit limit refuses", async () => {
    await top().billing.setAlertThreshold({ accountId: tree.quiet, thresholdMinor: 100 });
    await post(tree.quiet, 200);
    expect(await reasonOf(post(tree.quiet, -300))).toMatchObject({ reason: "below_credit_limit" });
    expect(await alertsOf(tree.quiet)).toHaveLength(0);
  });

  it("of a platform-direct account mails only its own people, in the platform's brand", async () => {
    await postPlatformEntry(owner, {
      accountId: tree.direct,
      kind: "top_up",
      amountMinor: 1000,
      reason: "Platform credit",
      idempotencyKey: randomUUID(),
    });
    await withTenant(
      app,
      tree.direct,
      (tx) =>
        tx.$executeRaw`INSERT INTO low_balance_thresholds (account_id, threshold_minor) VALUES (${tree.direct}::uuid, 500)`,
    );
    await postPlatformEntry(owner, {
      accountId: tree.direct,
      kind: "adjustment",
      amountMinor: -600,
      reason: "Platform correction",
      idempotencyKey: randomUUID(),
    });
    await deliverAll(tree.direct);
    const mail = await inbox.waitForMessageTo(people.directOwner.email);
    expect(mail.subject).toBe("Low balance: Alerts direct is below $5.00");
    expect(mail.links).toEqual(["http://localhost:3000/billing"]);
    const [alert] = await alertsOf(tree.direct);
    expect(alert?.sentTo).toEqual([people.directOwner.id]);
  });
});

describe("delivery", () => {
  it("after a failure mails only those not reached yet, later", async () => {
    let letters = 0;
    const failsSecond: Mailer = {
      async send(message) {
        letters += 1;
        if (letters === 2) throw new Error("421 try again later");
        await smtp.send(message);
      },
    };
    const before = inbox.messagesTo(people.owner.email).length + inbox.messagesTo(people.admin.email).length;
    await post(tree.customer, 10_000);
    await post(tree.customer, -10_000);
    const [failed] = (await alertsOf(tree.customer)).slice(-1);
    if (!failed) throw new Error("no alert");
    await deliverDueAlerts(app, options(failsSecond));
    const afterFailure = await owner.lowBalanceAlert.findUniqueOrThrow({
      where: { accountId_id: { accountId: tree.customer, id: failed.id } },
    });
    expect(afterFailure).toMatchObject({ sentAt: null, attempts: 1, lastError: "421 try again later" });
    expect(afterFailure.sentTo).toHaveLength(1);
    expect(afterFailure.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    // Not due yet: a round leaves it alone.
    await deliverDueAlerts(app, options());
    const stillWaiting = await owner.lowBalanceAlert.findUniqueOrThrow({
      where: { accountId_id: { accountId: tree.customer, id: failed.id } },
    });
    expect(stillWaiting.attempts).toBe(1);

    await owner.lowBalanceAlert.update({
      where: { accountId_id: { accountId: tree.customer, id: failed.id } },
      data: { nextAttemptAt: new Date(Date.now() - 1000) },
    });
    await deliverAll(tree.customer);
    const done = await owner.lowBalanceAlert.findUniqueOrThrow({
      where: { accountId_id: { accountId: tree.customer, id: failed.id } },
    });
    expect(done).toMatchObject({ attempts: 2, lastError: null });
    expect(done.sentAt).not.toBeNull();
    expect(done.sentTo).toHaveLength(4);
    // Each of the four got it exactly once.
    const after = inbox.messagesTo(people.owner.email).length + inbox.messagesTo(people.admin.email).length;
    expect(after - before).toBe(2);
  });

  it("is shared by parallel senders through leases: every person gets each alert once", async () => {
    const start = inbox.messages.length;
    for (let crossing = 0; crossing < 5; crossing += 1) {
      await post(tree.customer, 10_000);
      await post(tree.customer, -10_000);
    }
    const alerts = (await alertsOf(tree.customer)).slice(-5);
    await Promise.all(Array.from({ length: 4 }, () => deliverDueAlerts(app, { ...options(), limit: 2 })));
    await deliverAll(tree.customer);
    for (const alert of alerts) {
      const row = await owner.lowBalanceAlert.findUniqueOrThrow({
        where: { accountId_id: { accountId: alert.accountId, id: alert.id } },
      });
      expect(row.attempts).toBe(1);
      expect(row.sentAt).not.toBeNull();
    }
    const mine = inbox.messages.slice(start).filter((mail) => mail.subject.includes("Alerts customer"));
    expect(mine).toHaveLength(5 * 4);
  });

  it("leaves a leased alert to its sender until the lease runs out", async () => {
    await post(tree.customer, 10_000);
    await post(tree.customer, -10_000);
    const [alert] = (await alertsOf(tree.customer)).slice(-1);
    if (!alert) throw new Error("no alert");
    // Another sender holds it, as app_claim_low_balance_alerts leaves it.
    const where = { accountId_id: { accountId: alert.accountId, id: alert.id } };
    await owner.lowBalanceAlert.update({ where, data: { claimedUntil: new Date(Date.now() + 3_600_000) } });
    await deliverDueAlerts(app, options());
    expect(await owner.lowBalanceAlert.findUniqueOrThrow({ where })).toMatchObject({ sentAt: null, attempts: 0 });
    // That sender stopped: its lease runs out, and another sender takes the alert.
    await owner.lowBalanceAlert.update({ where, data: { claimedUntil: new Date(Date.now() - 1000) } });
    await deliverAll(tree.customer);
    const done = await owner.lowBalanceAlert.findUniqueOrThrow({ where });
    expect(done.sentAt).not.toBeNull();
    expect(done.attempts).toBe(1);
  });

  it("runs on its own in the sender's loop, and stops when asked", async () => {
    const sender = startAlertSender(app, { ...options(), intervalMs: 100 });
    try {
      const before = inbox.messagesTo(people.topOwner.email).length;
      await post(tree.customer, 10_000);
      await post(tree.customer, -10_000);
      await expect.poll(() => inbox.messagesTo(people.topOwner.email).length, { timeout: 10_000 }).toBe(before + 1);
    } finally {
      await sender.stop();
    }
  });
});

describe("what people see", () => {
  it("the reseller's home lists the accounts it bills that are below their threshold", async () => {
    const business = await top().billing.business();
    expect(business.belowAlertThreshold).toEqual([
      expect.objectContaining({ accountId: tree.customer, name: "Alerts customer", thresholdMinor: 6990 }),
    ]);
    await post(tree.customer, 100_000);
    expect((await top().billing.business()).belowAlertThreshold).toEqual([]);
  });

  it("an account reads what its alerts said but not whom they were mailed to; its parent reads them too", async () => {
    const own = await withTenant(
      app,
      tree.customer,
      (tx) => tx.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM (SELECT id, sent_at FROM low_balance_alerts) a`,
    );
    expect(Number(own[0]?.count)).toBeGreaterThan(0);
    await expect(
      withTenant(app, tree.customer, (tx) => tx.$queryRaw`SELECT sent_to FROM low_balance_alerts`),
    ).rejects.toThrow(/permission denied/);
    const fromParent = await withTenant(
      app,
      tree.top,
      (tx) =>
        tx.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) FROM (SELECT id FROM low_balance_alerts WHERE account_id = ${tree.customer}::uuid) a`,
    );
    expect(Number(fromParent[0]?.count)).toBe(Number(own[0]?.count));
    const fromSibling = await withTenant(
      app,
      tree.quiet,
      (tx) =>
        tx.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) FROM (SELECT id FROM low_balance_alerts WHERE account_id = ${tree.customer}::uuid) a`,
    );
    expect(Number(fromSibling[0]?.count)).toBe(0);
  });
});
