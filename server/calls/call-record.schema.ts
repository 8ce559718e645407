import { z } from "zod";
import { CALL_DIRECTIONS } from "../billing/rating";

/** The most records one batch may carry: a larger one is split by the sender. */
export const MAX_BATCH = 1000;
/** A week: no call is longer (and a duration beyond it is a sender's bug). */
export const MAX_CALL_SECONDS = 7 * 24 * 3600;

const E164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/, { message: "must be an E.164 number, like +33199001234" });
const instant = z.iso.datetime({
  offset: true,
  message: "must be an ISO 8601 time with its offset, like 2026-11-30T12:00:00Z",
});

/**
 * One call detail record as the voice platform sends it. The duration is the answered time: given,
 * or the seconds from `answeredAt` to `endedAt` (whole seconds, rounded down); an unanswered call
 * lasts 0 seconds. Times must be in order.
 */
export const CallRecordInput = z
  .object({
    callId: z.string().regex(/^[\x21-\x7e]{1,128}$/, { message: "must be 1 to 128 printable ASCII characters" }),
    accountId: z.uuid({ message: "must be an account id" }),
    direction: z.enum(CALL_DIRECTIONS, { message: "must be in, out or dialer" }),
    startedAt: instant,
    answeredAt: instant.nullish(),
    endedAt: instant.optional(),
    durationSeconds: z
      .number({ message: "must be a whole number of seconds" })
      .int({ message: "must be a whole number of seconds" })
      .min(0, { message: "cannot be negative" })
      .max(MAX_CALL_SECONDS, { message: `cannot be more than ${MAX_CALL_SECONDS} seconds` })
      .optional(),
    from: E164,
    to: E164,
    device: z
      .string()
      .regex(/^[\x20-\x7e]{1,100}$/, { message: "must be 1 to 100 printable ASCII characters" })
      .optional(),
  })
  .strict()
  .superRefine((record, context) => {
    const start = Date.parse(record.startedAt);
    const answer = record.answeredAt ? Date.parse(record.answeredAt) : null;
    const end = record.endedAt ? Date.parse(record.endedAt) : null;
    if (answer !== null && answer < start) {
      context.addIssue({ code: "custom", path: ["answeredAt"], message: "cannot be before startedAt" });
    }
    if (end !== null && end < (answer ?? start)) {
      context.addIssue({
        code: "custom",
        path: ["endedAt"],
        message: "cannot be before the call was answered or started",
      });
    }
    if (end === null && record.durationSeconds === undefined) {
      context.addIssue({ code: "custom", path: ["endedAt"], message: "give endedAt or durationSeconds" });
    }
    if (answer === null && (record.durationSeconds ?? 0) > 0) {
      context.addIssue({ code: "custom", path: ["durationSeconds"], message: "an unanswered call lasts 0 seconds" });
    }
    if (end !== null && answer !== null && record.durationSeconds !== undefined) {
      const measured = Math.floor((end - answer) / 1000);
      if (measured !== record.durationSeconds) {
        context.addIssue({
          code: "custom",
          path: ["durationSeconds"],
          message: `does not match answeredAt to endedAt (${measured} seconds)`,
        });
      }
    }
  });
export type CallRecordInput = z.infer<typeof CallRecordInput>;

export const CallRecordBatch = z
  .object({
    records: z
      .array(CallRecordInput, { message: "records must be a list of call records" })
      .min(1, { message: "records must hold at least one call record" })
      .max(MAX_BATCH, { message: `records may hold at most ${MAX_BATCH} call records; split the batch` }),
  })
  .strict();

/** A record's duration and end, whichever of them it gave. */
export function settledTimes(record: CallRecordInput): { durationSeconds: number; endedAt: string } {
  const answered = record.answeredAt ? Date.parse(record.answeredAt) : null;
  const durationSeconds =
    record.durationSeconds ??
    (answered !== null && record.endedAt ? Math.floor((Date.parse(record.endedAt) - answered) / 1000) : 0);
  const endedAt =
    record.endedAt ?? new Date((answered ?? Date.parse(record.startedAt)) + durationSeconds * 1000).toISOString();
  return { durationSeconds, endedAt };
}
