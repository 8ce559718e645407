import type { PrismaClient } from "../db/client";
import { type TenantDb, withTenant } from "../db/tenant";
import { logger } from "../log";
import { mailBrandOf } from "../mail/brand";
import { linkOriginOrNull } from "../mail/link-origin";
import type { Mailer, MailMessage } from "../mail/mailer";
import { customerLowBalanceMessage, type LowBalanceFacts, lowBalanceMessage } from "../mail/messages";

/** An alert leased to this sender by app_claim_low_balance_alerts. */
type ClaimedAlert = {
  account_id: string;
  id: string;
  /** The account that bills it; null for a platform-direct account (the platform has no people to mail). */
  parent_id: string | null;
  /** Users mailed by earlier attempts. */
  sent_to: string[];
  attempts: number;
};

/** One mail to one person. */
type Letter = { userId: string; message: MailMessage };

export type DeliveryOptions = {
  mailer: Mailer;
  /** Scheme and port of the links (`http://localhost:3000`): no request causes these mails. */
  linkOrigin: string;
  /** Most alerts one call leases. */
  limit?: number;
  /** How long a lease lasts: a sender that stops mid-way leaves its alerts to another after this. */
  leaseSeconds?: number;
};

export type DeliveryResult = { claimed: number; sent: number; failed: number };

/** The active owners and admins of the tenant's own account, who are mailed about money. */
function moneyPeople(tx: TenantDb, accountId: string) {
  return tx.user.findMany({
    where: { accountId, role: { in: ["owner", "admin"] }, status: "active" },
    select: { id: true, email: true, name: true },
    orderBy: { email: "asc" },
  });
}

/**
 * The letters of one side, composed as that side's own tenant: what the alert says, read through
 * the policies (the account reads its own alert, the parent the alert of an account below it), and
 * the side's people, brand and portal address. The account's side links to its Billing page, the
 * parent's to the account's wallet in the parent's portal.
 */
function lettersOf(
  db: PrismaClient,
  alert: ClaimedAlert,
  side: "account" | "parent",
  requestOrigin: string,
): Promise<Letter[]> {
  const tenant = side === "account" ? alert.account_id : alert.parent_id;
  if (!tenant) return Promise.resolve([]);
  return withTenant(db, tenant, async (tx) => {
    const [row] = await tx.$queryRaw<{ currency: string; threshold: bigint; balance: bigint; name: string }[]>`
      SELECT l.currency, l.threshold_minor AS threshold, l.balance_after_minor AS balance, a.name
        FROM low_balance_alerts l JOIN accounts a ON a.id = l.account_id
       WHERE l.account_id = ${alert.account_id}::uuid AND l.id = ${alert.id}::uuid`;
    // Claimed a moment ago and never deleted while it has a ledger entry: the policies hide it only from a stranger.
    if (!row) throw new Error(`alert ${alert.id} is not visible to ${side} ${tenant}`);
    const facts: LowBalanceFacts = {
      accountName: row.name,
      currency: row.currency,
      balanceMinor: Number(row.balance),
      thresholdMinor: Number(row.threshold),
    };
    const origin = await linkOriginOrNull(tx, tenant, requestOrigin);
    const brand = await mailBrandOf(tx, tenant, origin);
    const people = await moneyPeople(tx, tenant);
    return people.map((person) => ({
      userId: person.id,
      message:
        side === "account"
          ? lowBalanceMessage(brand, person, facts, origin ? `${origin}/billing` : null)
          : customerLowBalanceMessage(
              brand,
              person,
              facts,
              origin ? `${origin}/accounts/${alert.account_id}/wallet` : null,
            ),
    }));
  });
}

/**
 * Mails one alert to everyone not mailed yet, and records the attempt: every letter sent, or the
 * letters sent before the one that failed and why it failed (the alert is then tried again later).
 * Answers whether every letter went.
 */
async function deliverOne(db: PrismaClient, alert: ClaimedAlert, options: DeliveryOptions): Promise<boolean> {
  const sent: string[] = [];
  let failure: string | null = null;
  try {
    const letters = [
      ...(await lettersOf(db, alert, "account", options.linkOrigin)),
      ...(await lettersOf(db, alert, "parent", options.linkOrigin)),
    ];
    for (const letter of letters) {
      if (alert.sent_to.includes(letter.userId)) continue;
      await options.mailer.send(letter.message);
      sent.push(letter.userId);
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    logger.warn(
      { err: error, alertId: alert.id, accountId: alert.account_id, attempt: alert.attempts, sent: sent.length },
      "a low-balance alert could not be mailed; it will be tried again",
    );
  }
  const [settled] = await db.$queryRaw<{ settled: boolean }[]>`
    SELECT app_settle_low_balance_alert(${alert.account_id}::uuid, ${alert.id}::uuid, ${sent}::uuid[], ${failure}) AS settled`;
  if (!settled?.settled) {
    logger.warn(
      { alertId: alert.id, accountId: alert.account_id },
      "a low-balance alert's lease ran out while mailing it",
    );
  }
  return failure === null;
}

/**
 * Leases the alerts that are due (at most `limit`) and mails each to the active owners and admins
 * of its account and of the account's parent, each side in its own brand. An alert is mailed to
 * each person once: a retry after a failure skips those it reached. A person may get it twice only
 * if the sender stops between a mail and its record.
 */
export async function deliverDueAlerts(db: PrismaClient, options: DeliveryOptions): Promise<DeliveryResult> {
  const limit = options.limit ?? 20;
  const leaseSeconds = options.leaseSeconds ?? 300;
  const claimed = await db.$queryRaw<ClaimedAlert[]>`
    SELECT * FROM app_claim_low_balance_alerts(${limit}::integer, make_interval(secs => ${leaseSeconds}::double precision))`;
  let sent = 0;
  for (const alert of claimed) {
    if (await deliverOne(db, alert, options)) sent += 1;
  }
  return { claimed: claimed.length, sent, failed: claimed.length - sent };
}
