import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import { requireBilledChild } from "./bill-child";
import { refusalDetail } from "./database-refusal";
import type { EntryKind } from "./ledger";
import { formatMoney } from "./money";

/** What a parent (or the platform) posts to a wallet; call charges come from rating, not from here. */
export type ManualKind = Exclude<EntryKind, "charge">;

export type PostEntryInput = {
  accountId: string;
  kind: ManualKind;
  /** Signed minor units: positive credits the wallet; only an adjustment may be negative. */
  amountMinor: number;
  reason: string;
  idempotencyKey: string;
};

export type PostedEntry = {
  id: string;
  accountId: string;
  kind: EntryKind;
  amountMinor: number;
  balanceAfterMinor: number;
  reason: string;
  createdAt: Date;
  /** True when the key had posted this entry already and nothing new was written. */
  replayed: boolean;
};

/** Who posts: a person or key of `userAccountId` acting as the tenant `accountId`, or the platform. */
type Author = { kind: "tenant"; actor: Actor; label: string | null } | { kind: "platform" };

const AUDIT_ACTION: Record<ManualKind, string> = {
  top_up: "billing.top_up",
  refund: "billing.refund",
  adjustment: "billing.adjustment",
};

/** The SQLSTATE app_post_ledger_entry() raises for a posting below the credit limit. */
const BELOW_CREDIT_LIMIT = "BL001";
const LimitDetail = z.object({ balanceMinor: z.number(), creditLimitMinor: z.number(), currency: z.string() });

type EntryRow = {
  id: string;
  account_id: string;
  kind: EntryKind;
  amount_minor: bigint;
  balance_after_minor: bigint;
  reason: string;
  created_at: Date;
};
const ENTRY_COLUMNS = Prisma.sql`id, account_id, kind, amount_minor, balance_after_minor, reason, created_at`;

/**
 * The hash an idempotency key is bound to: everything the request asks for. The same key with any
 * other request is refused.
 */
export function requestHash(input: PostEntryInput): string {
  const { accountId, kind, amountMinor, reason } = input;
  return createHash("sha256")
    .update(JSON.stringify(["ledger.post", accountId, kind, amountMinor, reason]))
    .digest("hex");
}

/**
 * Posts a top-up, refund or adjustment to a child's wallet, once per idempotency key, in the
 * request's transaction: the key, the entry, the balance (the ledger's trigger) and the audit entry
 * commit together or not at all. Only the account's own parent may post (NOT_FOUND otherwise).
 */
export async function postEntry(
  db: TenantDb,
  actor: Actor & { label: string | null },
  input: PostEntryInput,
): Promise<PostedEntry> {
  const child = await requireBilledChild(db, actor.accountId, input.accountId);
  const posted = await postOnce(db, { kind: "tenant", actor, label: actor.label }, child, input);
  if (!posted.replayed) {
    await recordAudit(db, actor, {
      action: AUDIT_ACTION[input.kind],
      targetAccountId: child.id,
      details: {
        entryId: posted.id,
        amountMinor: input.amountMinor,
        reason: input.reason,
        balanceAfterMinor: posted.balanceAfterMinor,
      },
    });
  }
  return posted;
}

/**
 * The platform's posting to a platform-direct account's wallet (the owner role's client, run by
 * `npm run db:top-up`), once per idempotency key, in one transaction.
 */
export async function postPlatformEntry(owner: PlatformDb, input: PostEntryInput): Promise<PostedEntry> {
  return owner.$transaction(async (tx) => {
    const account = await tx.account.findFirst({
      where: { id: input.accountId, parentId: null },
      select: { id: true, name: true },
    });
    if (!account) {
      throw new DomainError(
        "NOT_FOUND",
        problem("account_not_found", "The platform bills only platform-direct accounts.", "accountId"),
      );
    }
    return postOnce(tx, { kind: "platform" }, account, input);
  });
}

type PlatformDb = { $transaction: <T>(work: (tx: TenantDb) => Promise<T>) => Promise<T> };

/**
 * Claims the idempotency key, then posts. The claim is `ON CONFLICT DO NOTHING`: a second request
 * with the same key waits for the first to commit and then finds it, so the wallet is credited
 * once however many arrive at once. A key already used for this very request answers the first
 * entry (`replayed`); for another request, CONFLICT idempotency_key_reused. A posting that would
 * take the balance below the credit limit is refused by the database under the wallet's lock:
 * BAD_REQUEST below_credit_limit, and the claim rolls back with it.
 */
async function postOnce(
  db: TenantDb,
  author: Author,
  account: { id: string; name: string },
  input: PostEntryInput,
): Promise<PostedEntry> {
  const hash = requestHash(input);
  const entryId = randomUUID();
  const byPlatform = author.kind === "platform";
  const keyOwner = author.kind === "platform" ? account.id : author.actor.accountId;
  const claimed = await db.$queryRaw<{ entry_id: string }[]>`
    INSERT INTO idempotency_keys (account_id, by_platform, key, request_hash, entry_account_id, entry_id)
    VALUES (${keyOwner}::uuid, ${byPlatform}, ${input.idempotencyKey}, ${hash}, ${account.id}::uuid, ${entryId}::uuid)
    ON CONFLICT (account_id, by_platform, key) DO NOTHING
    RETURNING entry_id`;
  if (claimed.length === 0) return replay(db, keyOwner, byPlatform, input.idempotencyKey, hash);

  const by =
    author.kind === "tenant"
      ? Prisma.sql`${author.actor.userAccountId}::uuid, ${author.actor.userId}::uuid, ${author.actor.keyId ?? null}::uuid, ${author.label}`
      : Prisma.sql`NULL, NULL, NULL, NULL`;
  try {
    const [posted] = await db.$queryRaw<EntryRow[]>`
      INSERT INTO ledger_entries (account_id, id, kind, amount_minor, reason, author_account_id, author_user_id, author_key_id, author_label)
      VALUES (${account.id}::uuid, ${entryId}::uuid, ${input.kind}, ${input.amountMinor}, ${input.reason}, ${by})
      RETURNING ${ENTRY_COLUMNS}`;
    if (!posted) throw new Error("the ledger insert returned no row");
    return entryOf(posted, false);
  } catch (error) {
    const detail = refusalDetail(error, BELOW_CREDIT_LIMIT);
    if (detail === null) throw error;
    throw belowCreditLimit(account, LimitDetail.parse(JSON.parse(detail)));
  }
}

/** The database's refusal of a posting below the credit limit, in words for the person who tried. */
function belowCreditLimit(account: { name: string }, state: z.infer<typeof LimitDetail>): DomainError {
  const money = (minor: number) => formatMoney(minor, state.currency);
  return new DomainError(
    "BAD_REQUEST",
    problem(
      "below_credit_limit",
      `${account.name} has a balance of ${money(state.balanceMinor)} and a credit limit of ${money(state.creditLimitMinor)}: this would take it below the limit.`,
      "amountMinor",
    ),
  );
}

async function replay(
  db: TenantDb,
  keyOwner: string,
  byPlatform: boolean,
  key: string,
  hash: string,
): Promise<PostedEntry> {
  const [used] = await db.$queryRaw<{ request_hash: string; entry_account_id: string; entry_id: string }[]>`
    SELECT request_hash, entry_account_id, entry_id FROM idempotency_keys
     WHERE account_id = ${keyOwner}::uuid AND by_platform = ${byPlatform} AND key = ${key}`;
  if (!used) throw new Error("an idempotency key that conflicted is not there to read");
  if (used.request_hash !== hash) {
    throw new DomainError(
      "CONFLICT",
      problem(
        "idempotency_key_reused",
        "This idempotency key was already used for a different request. Use a new key for a new request.",
        "idempotencyKey",
      ),
    );
  }
  const [entry] = await db.$queryRaw<EntryRow[]>`
    SELECT ${ENTRY_COLUMNS} FROM ledger_entries
     WHERE account_id = ${used.entry_account_id}::uuid AND id = ${used.entry_id}::uuid`;
  if (!entry) throw new Error("the entry an idempotency key posted is not there to read");
  return entryOf(entry, true);
}

function entryOf(row: EntryRow, replayed: boolean): PostedEntry {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind,
    amountMinor: Number(row.amount_minor),
    balanceAfterMinor: Number(row.balance_after_minor),
    reason: row.reason,
    createdAt: row.created_at,
    replayed,
  };
}
