import { z } from "zod";
import { isLedgerCursor } from "../../billing/ledger";
import { MAX_AMOUNT_MINOR } from "../../billing/money";
import { isCallCursor } from "../../calls/history";
import { MAX_USAGE_DAYS } from "../../calls/usage";
import { pageLimit } from "./page-limit";
import { jsonOnly } from "./rest-input";
import { cursorText, nameText, plainText } from "./text";

const accountId = z.uuid({ message: "accountId must be an account id" });

export const WalletInput = z.object({
  /** Whose wallet: your own when omitted, or an account below yours. */
  accountId: accountId.optional(),
});

export const WalletOutput = z.object({
  accountId: z.uuid(),
  currency: z.string(),
  balanceMinor: z.number().int(),
  creditLimitMinor: z.number().int(),
  availableMinor: z.number().int(),
  overCredit: z.boolean(),
  canSpend: z.boolean(),
  alertThresholdMinor: z.number().int().nullable(),
  belowAlertThreshold: z.boolean(),
  lastAlert: z.object({ at: z.date(), balanceMinor: z.number().int(), mailed: z.boolean() }).nullable(),
});

const ENTRY_KIND = z.enum(["top_up", "charge", "refund", "adjustment"]);

export const ListEntriesInput = z.object({
  accountId: accountId.optional(),
  kind: ENTRY_KIND.optional(),
  /** The `nextCursor` of the previous page. */
  cursor: cursorText(isLedgerCursor).optional(),
  limit: pageLimit(25),
});

const EntryOutput = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  kind: ENTRY_KIND,
  amountMinor: z.number().int(),
  balanceAfterMinor: z.number().int(),
  reason: z.string(),
  createdAt: z.date(),
});

export const ListEntriesOutput = z.object({
  currency: z.string(),
  items: z.array(
    EntryOutput.extend({
      author: z.union([
        z.object({ own: z.literal(true), label: z.string().nullable() }),
        z.object({ own: z.literal(false) }),
      ]),
    }),
  ),
  nextCursor: z.string().nullable(),
});

const amountMessage = `amountMinor must be a whole number of minor units from 1 to ${MAX_AMOUNT_MINOR}`;
const positiveAmount = jsonOnly(
  z.number({ message: amountMessage }).int(amountMessage).min(1, amountMessage).max(MAX_AMOUNT_MINOR, amountMessage),
);

/**
 * An idempotency key: printable ASCII, at most 255 characters (a UUID is a good one). It may come
 * in the input or, for programs, in the `Idempotency-Key` header.
 */
export const IdempotencyKey = z.string({ message: "idempotencyKey must be text" }).regex(/^[\x21-\x7e]{1,255}$/, {
  message: "idempotencyKey must be 1 to 255 printable ASCII characters without spaces (a UUID is a good one).",
});

const reason = nameText({ label: "The reason", max: 200, required: "Say why, like Prepaid credit for December" });

export const TopUpInput = z.object({
  accountId,
  amountMinor: positiveAmount,
  reason,
  idempotencyKey: IdempotencyKey.optional(),
});

const signedMessage = `amountMinor must be a whole number of minor units, not 0, from -${MAX_AMOUNT_MINOR} to ${MAX_AMOUNT_MINOR}`;

export const AdjustInput = z.object({
  accountId,
  /** refund: money given back (positive); adjustment: a correction either way. */
  kind: z.enum(["refund", "adjustment"]),
  amountMinor: jsonOnly(
    z
      .number({ message: signedMessage })
      .int(signedMessage)
      .min(-MAX_AMOUNT_MINOR, signedMessage)
      .max(MAX_AMOUNT_MINOR, signedMessage)
      .refine((value) => value !== 0, signedMessage),
  ),
  reason,
  idempotencyKey: IdempotencyKey.optional(),
});

export const PostedEntryOutput = EntryOutput.extend({ replayed: z.boolean() });

const limitMessage = `creditLimitMinor must be a whole number of minor units from 0 to ${MAX_AMOUNT_MINOR}`;

export const SetCreditLimitInput = z.object({
  accountId,
  creditLimitMinor: jsonOnly(
    z.number({ message: limitMessage }).int(limitMessage).min(0, limitMessage).max(MAX_AMOUNT_MINOR, limitMessage),
  ),
});

const thresholdMessage = `thresholdMinor must be null (no alert) or a whole number of minor units from 0 to ${MAX_AMOUNT_MINOR}`;

export const SetAlertThresholdInput = z.object({
  /** Whose threshold: your own when omitted, or one of your children's. */
  accountId: accountId.optional(),
  /** Alert when the balance falls below this; null turns the alert off. */
  thresholdMinor: jsonOnly(
    z
      .number({ message: thresholdMessage })
      .int(thresholdMessage)
      .min(0, thresholdMessage)
      .max(MAX_AMOUNT_MINOR, thresholdMessage),
  ).nullable(),
});

const day = z.iso.date({ message: "must be a day, like 2026-11-30" });
const direction = z.enum(["in", "out", "dialer"], { message: "direction must be in, out or dialer" });

export const ListCallsInput = z
  .object({
    /** Whose calls: your own when omitted, or an account below yours. */
    accountId: accountId.optional(),
    direction: direction.optional(),
    /** Digits found in the caller's or the called number. */
    search: plainText({ label: "Search", max: 40 })
      .optional()
      .transform((value) => (value ? value : undefined)),
    /** The first and last day (UTC), both included. */
    fromDay: day.optional(),
    toDay: day.optional(),
    cursor: cursorText(isCallCursor).optional(),
    limit: pageLimit(25),
  })
  .refine((input) => !input.fromDay || !input.toDay || input.fromDay <= input.toDay, {
    message: "toDay cannot be before fromDay",
    path: ["toDay"],
  });

export const ListCallsOutput = z.object({
  currency: z.string(),
  items: z.array(
    z.object({
      callId: z.string(),
      direction,
      startedAt: z.date(),
      answeredAt: z.date().nullable(),
      endedAt: z.date(),
      durationSeconds: z.number().int(),
      from: z.string(),
      to: z.string(),
      device: z.string().nullable(),
      billedSeconds: z.number().int(),
      chargedMinor: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const UsageInput = z
  .object({ fromDay: day, toDay: day })
  .refine((input) => input.fromDay <= input.toDay, { message: "toDay cannot be before fromDay", path: ["toDay"] })
  .refine((input) => (Date.parse(input.toDay) - Date.parse(input.fromDay)) / 86_400_000 < MAX_USAGE_DAYS, {
    message: `a period is at most ${MAX_USAGE_DAYS} days`,
    path: ["toDay"],
  });

export const UsageOutput = z.object({
  /** Whose usage: the account the request runs as. */
  accountId: z.uuid(),
  currency: z.string(),
  days: z.array(
    z.object({
      day: z.string(),
      calls: z.number().int(),
      seconds: z.number().int(),
      billedSeconds: z.number().int(),
      costMinor: z.number().int(),
    }),
  ),
});

const money = z.number().int();

export const ChildrenReportOutput = z.object({
  currency: z.string(),
  fromDay: z.string(),
  toDay: z.string(),
  totals: z.object({
    calls: z.number().int(),
    seconds: z.number().int(),
    revenueMinor: money,
    costMinor: money,
    marginMinor: money,
  }),
  children: z.array(
    z.object({
      accountId: z.uuid(),
      name: z.string(),
      slug: z.string(),
      calls: z.number().int(),
      seconds: z.number().int(),
      revenueMinor: money,
      costMinor: money,
      marginMinor: money,
    }),
  ),
  granularity: z.enum(["day", "month"]),
  series: z.array(
    z.object({ start: z.string(), calls: z.number().int(), revenueMinor: money, costMinor: money, marginMinor: money }),
  ),
  own: z.object({ calls: z.number().int(), seconds: z.number().int(), costMinor: money }),
});

const nullableLimit = z.number().int().nullable();

export const PlanOutput = z.object({
  accountId: z.uuid(),
  plan: z.object({
    id: z.string(),
    name: z.string(),
    limits: z.object({ concurrentCalls: nullableLimit, users: nullableLimit, departments: nullableLimit }),
    features: z.object({ recording: z.boolean(), aiTranscription: z.boolean(), advancedAnalytics: z.boolean() }),
  }),
  usage: z.array(
    z.object({
      resource: z.enum(["users", "extensions", "numbers", "departments"]),
      label: z.string(),
      used: z.number().int(),
      limit: nullableLimit,
    }),
  ),
  thisMonth: z.object({ calls: z.number().int(), minutes: z.number().int() }),
});

const incrementSeconds = (label: string) =>
  jsonOnly(
    z
      .number({ message: `${label} must be a whole number of seconds from 1 to 3600` })
      .int(`${label} must be a whole number of seconds from 1 to 3600`)
      .min(1, `${label} must be a whole number of seconds from 1 to 3600`)
      .max(3600, `${label} must be a whole number of seconds from 1 to 3600`),
  );

export const PriceOverrideFields = z.object({
  direction,
  /** The digits the called number starts with (country and area code, no "+"); "" prices every number. */
  prefix: plainText({ label: "The prefix", max: 15 }).refine((prefix) => /^[0-9]{0,15}$/.test(prefix), {
    message: "The prefix is up to 15 digits, like 33 or 4420 (no + and no spaces); empty prices every number.",
  }),
  /** Per minute, in millionths of the currency's major unit (USD 0.0125 = 12500). */
  pricePerMinuteMicros: jsonOnly(
    z
      .number({ message: "pricePerMinuteMicros must be a whole number from 0 to 100000000" })
      .int("pricePerMinuteMicros must be a whole number from 0 to 100000000")
      .min(0, "pricePerMinuteMicros must be a whole number from 0 to 100000000")
      .max(100_000_000, "pricePerMinuteMicros must be a whole number from 0 to 100000000"),
  ),
  increment: z.object({ first: incrementSeconds("increment.first"), next: incrementSeconds("increment.next") }),
});

export const SetMarkupInput = z.object({
  markupBasisPoints: jsonOnly(
    z
      .number({ message: "markupBasisPoints must be a whole number from 0 to 100000 (2500 = +25%)" })
      .int("markupBasisPoints must be a whole number from 0 to 100000 (2500 = +25%)")
      .min(0, "markupBasisPoints must be a whole number from 0 to 100000 (2500 = +25%)")
      .max(100_000, "markupBasisPoints must be a whole number from 0 to 100000 (2500 = +25%)"),
  ),
});

export const RemoveOverrideInput = z.object({ overrideId: z.uuid({ message: "overrideId must be a price's id" }) });

export const PriceListOutput = z.object({
  accountId: z.uuid(),
  currency: z.string(),
  markupBasisPoints: z.number().int(),
  overrides: z.array(
    z.object({
      id: z.uuid(),
      direction,
      prefix: z.string(),
      pricePerMinuteMicros: z.number().int(),
      increment: z.object({ first: z.number().int(), next: z.number().int() }),
    }),
  ),
});

export const BusinessOutput = z.object({
  currency: z.string(),
  accounts: z.object({ active: z.number().int(), suspended: z.number().int(), closed: z.number().int() }),
  thisMonth: z.object({
    fromDay: z.string(),
    toDay: z.string(),
    calls: z.number().int(),
    seconds: z.number().int(),
    revenueMinor: money,
    costMinor: money,
    marginMinor: money,
  }),
  overCredit: z.array(
    z.object({ accountId: z.uuid(), name: z.string(), balanceMinor: money, creditLimitMinor: money }),
  ),
  belowAlertThreshold: z.array(
    z.object({ accountId: z.uuid(), name: z.string(), balanceMinor: money, thresholdMinor: money }),
  ),
});

export const StatementInput = z.object({
  /** Whose statement: your own when omitted, or an account below yours. */
  accountId: accountId.optional(),
  month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: "month must be a month, like 2026-11" }),
});

const kindTotals = z.object({ top_up: money, charge: money, refund: money, adjustment: money });

export const StatementOutput = z.object({
  accountId: z.uuid(),
  accountName: z.string(),
  currency: z.string(),
  month: z.string(),
  fromDay: z.string(),
  toDay: z.string(),
  openingMinor: money,
  closingMinor: money,
  totals: kindTotals,
  entries: z.array(EntryOutput),
  calls: z.object({ count: z.number().int(), seconds: z.number().int(), chargedMinor: money }),
});

export const ChildrenReportInput = z
  .object({
    fromDay: day,
    toDay: day,
    /** Chart one child's calls only; the totals per child stay whole. */
    accountId: accountId.optional(),
  })
  .refine((input) => input.fromDay <= input.toDay, { message: "toDay cannot be before fromDay", path: ["toDay"] })
  .refine((input) => (Date.parse(input.toDay) - Date.parse(input.fromDay)) / 86_400_000 < MAX_USAGE_DAYS, {
    message: `a period is at most ${MAX_USAGE_DAYS} days`,
    path: ["toDay"],
  });
