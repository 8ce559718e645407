import { createHash } from "node:crypto";
import type pg from "pg";
import { z } from "zod";
import { refusalDetail } from "../billing/database-refusal";
import { minorDigits } from "../billing/money";
import { type ChainAccount, type PrefixRate, type PriceList, rateCall } from "../billing/rating";
import { DomainError, type Problem, problem } from "../domain-error";
import { type CallRecordInput, settledTimes } from "./call-record.schema";

export type IngestResult = { recorded: number; repeated: number };

/** What app_rating_context() answers (migration 20261201010000). */
const RateJson = z.object({
  direction: z.enum(["in", "out", "dialer"]),
  prefix: z.string(),
  pricePerMinuteMicros: z.number(),
  increment: z.object({ first: z.number(), next: z.number() }),
});
const RatingContext = z.object({
  accounts: z.record(z.string(), z.object({ chain: z.array(z.string()).min(1), currency: z.string() })),
  priceLists: z.record(z.string(), z.object({ markupBasisPoints: z.number(), overrides: z.array(RateJson) })),
  deck: z.array(RateJson),
});

/** The SQLSTATEs the recording functions raise. */
const KEY_NOT_LIVE = "SK001";
const CALL_ID_CONFLICT = "CR001";
/** Retried: PostgreSQL ended the batch to break a lock cycle or a serialization conflict. */
const RETRIED = new Set(["40P01", "40001"]);
/** At most this many problems are listed; a batch with more is wrong throughout. */
const MAX_PROBLEMS = 50;

export const INVALID_SERVICE_KEY = "The service key is not valid, or has been revoked.";

/**
 * Records a batch of call detail records for the voice platform, all or nothing: each new call is
 * rated at every level of its account's chain (server/billing/rating.ts), stored with its charges,
 * added to the daily usage of its account and of every ancestor, and charged to their wallets;
 * repeats of calls already recorded with the same content change nothing.
 *
 * Refused, with nothing written: a key that is not live (UNAUTHORIZED), an unknown account or a
 * call no rate covers (BAD_REQUEST, each about its record), and a call id already recorded or
 * repeated in the batch with other content (CONFLICT call_id_conflict).
 */
export async function ingestCallRecords(
  pool: pg.Pool,
  keyHash: Buffer,
  records: readonly CallRecordInput[],
): Promise<IngestResult> {
  const sent = records.map((record, index) => {
    const settled = settledTimes(record);
    return { index, record, ...settled, contentHash: contentHash(record, settled) };
  });
  refuseConflictsWithin(sent);
  // The same call twice in one batch is one call, and its second copy a repeat.
  const seen = new Set<string>();
  const calls = sent.filter((call) => !seen.has(call.record.callId) && Boolean(seen.add(call.record.callId)));
  const context = await ratingContext(pool, keyHash, calls);

  const problems: Problem[] = [];
  const rated = calls.map((call) => {
    const account = context.accounts[call.record.accountId];
    if (!account) {
      problems.push(problem("unknown_account", "No account has this id.", `records.${call.index}.accountId`));
      return null;
    }
    const [top, ...rest] = account.chain.map(
      (accountId): ChainAccount => ({ accountId, priceList: priceListOf(context, accountId) }),
    );
    if (!top) throw new Error(`account ${call.record.accountId} has an empty chain`);
    const result = rateCall(
      { direction: call.record.direction, to: call.record.to, durationSeconds: call.durationSeconds },
      { deck: context.deck as PrefixRate[], accounts: [top, ...rest] },
      minorDigits(account.currency),
    );
    if (!result.ok) {
      problems.push(
        problem(
          "no_rate",
          `No rate covers ${call.record.direction} calls to ${call.record.to}.`,
          `records.${call.index}.to`,
        ),
      );
      return null;
    }
    return {
      callId: call.record.callId,
      accountId: call.record.accountId,
      contentHash: call.contentHash,
      direction: call.record.direction,
      startedAt: call.record.startedAt,
      answeredAt: call.record.answeredAt ?? null,
      endedAt: call.endedAt,
      durationSeconds: call.durationSeconds,
      from: call.record.from,
      to: call.record.to,
      device: call.record.device ?? null,
      charges: result.charges.map((charge) => ({
        accountId: charge.accountId,
        pricePerMinuteMicros: charge.rate.pricePerMinuteMicros,
        billedSeconds: charge.billedSeconds,
        amountMinor: charge.amountMinor,
      })),
    };
  });
  const [first, ...more] = problems.slice(0, MAX_PROBLEMS);
  if (first) throw new DomainError("BAD_REQUEST", [first, ...more]);
  const result = await record(pool, keyHash, rated);
  return { recorded: result.recorded, repeated: result.repeated + (sent.length - calls.length) };
}

/**
 * A record's identity for repeats: every field, with its settled duration and end (settledTimes),
 * times as UTC instants ("+01:00" and "Z" agree).
 */
export function contentHash(
  record: CallRecordInput,
  { durationSeconds, endedAt }: { durationSeconds: number; endedAt: string },
): string {
  const instant = (text: string | null | undefined) => (text ? new Date(text).toISOString() : null);
  return createHash("sha256")
    .update(
      JSON.stringify([
        record.callId,
        record.accountId,
        record.direction,
        instant(record.startedAt),
        instant(record.answeredAt),
        instant(endedAt),
        durationSeconds,
        record.from,
        record.to,
        record.device ?? null,
      ]),
    )
    .digest("hex");
}

/** The same call id twice in one batch must be the same call. */
function refuseConflictsWithin(calls: readonly { record: CallRecordInput; contentHash: string }[]): void {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  calls.forEach((call, index) => {
    const earlier = seen.get(call.record.callId);
    if (earlier === undefined) seen.set(call.record.callId, call.contentHash);
    else if (earlier !== call.contentHash) {
      problems.push(
        problem(
          "call_id_conflict",
          `The call id ${call.record.callId} appears twice in the batch with different content.`,
          `records.${index}.callId`,
        ),
      );
    }
  });
  const [first, ...more] = problems.slice(0, MAX_PROBLEMS);
  if (first) throw new DomainError("CONFLICT", [first, ...more]);
}

async function ratingContext(
  pool: pg.Pool,
  keyHash: Buffer,
  calls: readonly { record: CallRecordInput }[],
): Promise<z.infer<typeof RatingContext>> {
  const accounts = [...new Set(calls.map((call) => call.record.accountId))];
  const numbers = [...new Set(calls.map((call) => call.record.to.slice(1)))];
  try {
    const { rows } = await pool.query<{ context: unknown }>(
      "SELECT app_rating_context($1, $2::uuid[], $3::text[]) AS context",
      [keyHash, accounts, numbers],
    );
    return RatingContext.parse(rows[0]?.context);
  } catch (error) {
    throw keyRefusal(error) ?? error;
  }
}

function priceListOf(context: z.infer<typeof RatingContext>, accountId: string): PriceList | null {
  const list = context.priceLists[accountId];
  return list ? { markupBasisPoints: list.markupBasisPoints, overrides: list.overrides as PrefixRate[] } : null;
}

/** The rated batch into app_record_calls(), retried when PostgreSQL broke a lock cycle. */
async function record(pool: pg.Pool, keyHash: Buffer, rated: readonly unknown[]): Promise<IngestResult> {
  const payload = JSON.stringify(rated);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { rows } = await pool.query<{ result: IngestResult }>("SELECT app_record_calls($1, $2::jsonb) AS result", [
        keyHash,
        payload,
      ]);
      const result = rows[0]?.result;
      if (!result) throw new Error("app_record_calls answered nothing");
      return { recorded: Number(result.recorded), repeated: Number(result.repeated) };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && RETRIED.has(code) && attempt < 3) continue;
      throw keyRefusal(error) ?? conflictRefusal(error) ?? error;
    }
  }
}

function keyRefusal(error: unknown): DomainError | null {
  if ((error as { code?: unknown }).code !== KEY_NOT_LIVE) return null;
  return new DomainError("UNAUTHORIZED", problem("invalid_service_key", INVALID_SERVICE_KEY));
}

function conflictRefusal(error: unknown): DomainError | null {
  const detail = refusalDetail(error, CALL_ID_CONFLICT);
  if (detail === null) return null;
  const ids = z.array(z.string()).parse(JSON.parse(detail));
  const [first, ...more] = ids
    .slice(0, MAX_PROBLEMS)
    .map((callId) =>
      problem(
        "call_id_conflict",
        `The call id ${callId} was recorded before with different content; nothing in this batch was recorded.`,
        "records",
      ),
    );
  return first ? new DomainError("CONFLICT", [first, ...more]) : null;
}
