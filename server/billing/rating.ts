/**
 * The rating engine: what every account above a call is charged for it, with no database. Each
 * account is charged at its parent's price, and the platform charges its direct accounts from its
 * rate deck, so a reseller's margin on a call is what its child paid it minus what it paid above.
 *
 * Units. Prices are per minute in micros, millionths of the currency's major unit (USD 0.0125/min
 * is 12_500). Amounts charged are integer minor units of the currency (cents for USD), given its
 * `minorDigits` (USD 2, JPY 0, BHD 3). A rate bills time in increments "first/next" of whole
 * seconds (60/60, 30/6, 1/1): the first `first` seconds as one block, then blocks of `next`.
 *
 * The rounding rule: every call is rated on its own, at every level of the chain, and every step
 * rounds UP. Billed seconds round up to the rate's increments; the call's cost is
 * ceil(billedSeconds × pricePerMinuteMicros / 60) micros; the amount charged is
 * ceil(micros × 10^minorDigits / 1_000_000) minor units; a marked-up price is
 * ceil(cost × (10_000 + markupBasisPoints) / 10_000) micros per minute. Nothing is rounded to
 * nearest and nothing is summed before rounding, so a charge is never below its exact price and
 * the same call always costs the same whatever else is billed with it.
 *
 * Arithmetic is integer only. Products are taken in BigInt, so durations up to 7 days at
 * 100_000_000 micros/min (and well beyond) are exact; a result too large for a safe JavaScript
 * number is a RangeError rather than a silently wrong charge.
 *
 * Inputs are assumed validated upstream (digits-only prefixes, integer prices and durations);
 * `isValidRate` is the one guard exported for callers that want to check a rate.
 */

export const CALL_DIRECTIONS = ["in", "out", "dialer"] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** Billing blocks in whole seconds: the first block, then each further block (both ≥ 1). */
export type Increment = { first: number; next: number };

/** A price per minute in micros and the increments its time is billed in. */
export type Rate = { pricePerMinuteMicros: number; increment: Increment };

/** A rate for calls in `direction` whose number starts with `prefix` (digits; "" matches every number). */
export type PrefixRate = Rate & { direction: CallDirection; prefix: string };

/**
 * What a reseller charges its children: its own cost marked up by `markupBasisPoints`
 * (2500 = +25%), except where an override's prefix matches, which sets the price outright.
 */
export type PriceList = { markupBasisPoints: number; overrides: readonly PrefixRate[] };

/** One account of the chain and the price list it applies to ITS children (null: at cost). */
export type ChainAccount = { accountId: string; priceList: PriceList | null };

/**
 * The platform's rate deck and the accounts from the platform-direct one down to the one that
 * made the call. Non-empty by type: a call always has an account to charge.
 */
export type RatingChain = { deck: readonly PrefixRate[]; accounts: readonly [ChainAccount, ...ChainAccount[]] };

/** A finished call: its direction, the E.164 number it was rated on ("+33199001234") and its length. */
export type CallToRate = { direction: CallDirection; to: string; durationSeconds: number };

/** What one account is charged for the call, and the rate it was charged at. */
export type Charge = { accountId: string; rate: Rate; billedSeconds: number; amountMinor: number };

/** The charges top first, or why the call cannot be rated (the deck has no rate for it). */
export type RatingResult =
  | { ok: true; charges: Charge[] }
  | { ok: false; reason: "no_rate"; direction: CallDirection; number: string };

/** What a reseller kept on the call: its child's charge minus its own (negative below cost). */
export type Margin = { accountId: string; marginMinor: number };

const SECONDS_PER_MINUTE = 60n;
const MICROS_PER_MAJOR_UNIT = 1_000_000n;
const BASIS_POINTS_PER_WHOLE = 10_000n;

/** a / b rounded up, for a ≥ 0 and b > 0: the one rounding the rule allows. */
function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** Back from BigInt, refusing a value a number cannot hold exactly (a wrong charge is worse than none). */
function toSafeNumber(value: bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`Rated value ${value} is beyond exact integer range`);
  return result;
}

/** Whether a rate is one the engine can bill: a whole non-negative price and whole increments of at least 1 s. */
export function isValidRate(rate: Rate): boolean {
  const { pricePerMinuteMicros, increment } = rate;
  return (
    Number.isSafeInteger(pricePerMinuteMicros) &&
    pricePerMinuteMicros >= 0 &&
    Number.isSafeInteger(increment.first) &&
    increment.first >= 1 &&
    Number.isSafeInteger(increment.next) &&
    increment.next >= 1
  );
}

/**
 * Seconds billed for a call of `durationSeconds`: none for an unanswered (0 s) call, the whole
 * first block for any call up to it, then whole `next` blocks for the rest.
 */
export function billedSeconds(durationSeconds: number, increment: Increment): number {
  if (durationSeconds <= 0) return 0;
  if (durationSeconds <= increment.first) return increment.first;
  const next = BigInt(increment.next);
  const blocks = ceilDiv(BigInt(durationSeconds - increment.first), next);
  return toSafeNumber(BigInt(increment.first) + blocks * next);
}

/** Cost of `seconds` at a per-minute price, in micros rounded up. */
export function callMicros(seconds: number, pricePerMinuteMicros: number): number {
  return toSafeNumber(ceilDiv(BigInt(seconds) * BigInt(pricePerMinuteMicros), SECONDS_PER_MINUTE));
}

/** Micros as minor units of a currency with `minorDigits`, rounded up. */
export function microsToMinor(micros: number, minorDigits: number): number {
  return toSafeNumber(ceilDiv(BigInt(micros) * 10n ** BigInt(minorDigits), MICROS_PER_MAJOR_UNIT));
}

/** A per-minute price raised by `markupBasisPoints` (2500 = +25%), rounded up to the micro. */
export function markUp(pricePerMinuteMicros: number, markupBasisPoints: number): number {
  const factor = BASIS_POINTS_PER_WHOLE + BigInt(markupBasisPoints);
  return toSafeNumber(ceilDiv(BigInt(pricePerMinuteMicros) * factor, BASIS_POINTS_PER_WHOLE));
}

/**
 * The entry for `direction` with the longest prefix of the number's digits (the "+" of E.164 is
 * not a digit), or null. The most specific prefix wins so a deck can price a whole country and
 * then carve out its mobile or premium ranges; among equal prefixes the first listed wins.
 */
export function findRate(entries: readonly PrefixRate[], direction: CallDirection, number: string): PrefixRate | null {
  const digits = number.startsWith("+") ? number.slice(1) : number;
  let best: PrefixRate | null = null;
  for (const entry of entries) {
    if (entry.direction !== direction || !digits.startsWith(entry.prefix)) continue;
    if (best === null || entry.prefix.length > best.prefix.length) best = entry;
  }
  return best;
}

/** Just the price and increment of an entry, so a charge never carries the deck's or list's other fields. */
function rateOf(entry: Rate): Rate {
  return { pricePerMinuteMicros: entry.pricePerMinuteMicros, increment: { ...entry.increment } };
}

/**
 * The rate a reseller charges its child for this call, given what it is charged itself (`cost`):
 * a matching override as written (even below cost: that is the reseller's choice, and its margin
 * shows it), otherwise the cost marked up with the cost's increment. No price list means at cost.
 */
export function childRate(cost: Rate, priceList: PriceList | null, call: CallToRate): Rate {
  const override = priceList ? findRate(priceList.overrides, call.direction, call.to) : null;
  if (override) return rateOf(override);
  return {
    pricePerMinuteMicros: markUp(cost.pricePerMinuteMicros, priceList?.markupBasisPoints ?? 0),
    increment: { ...cost.increment },
  };
}

/** One account's charge for the call at `rate`, rounded by the rounding rule. */
function chargeAt(accountId: string, rate: Rate, durationSeconds: number, minorDigits: number): Charge {
  const seconds = billedSeconds(durationSeconds, rate.increment);
  const amountMinor = microsToMinor(callMicros(seconds, rate.pricePerMinuteMicros), minorDigits);
  return { accountId, rate, billedSeconds: seconds, amountMinor };
}

/**
 * Rates one call for every account in the chain, top first: the platform-direct account at the
 * deck's price, each account below at its parent's price list applied to what the parent was
 * charged, so markups compound down the chain. A call the deck has no rate for is a typed failure
 * (the caller turns it into a clear error), never a zero charge.
 */
export function rateCall(call: CallToRate, chain: RatingChain, minorDigits: number): RatingResult {
  const deckRate = findRate(chain.deck, call.direction, call.to);
  if (!deckRate) return { ok: false, reason: "no_rate", direction: call.direction, number: call.to };

  const charges: Charge[] = [];
  let rate = rateOf(deckRate);
  let parent: ChainAccount | null = null;
  for (const account of chain.accounts) {
    if (parent) rate = childRate(rate, parent.priceList, call);
    charges.push(chargeAt(account.accountId, rate, call.durationSeconds, minorDigits));
    parent = account;
  }
  return { ok: true, charges };
}

/** Each account's margin on the call except the last (which sold it to no one), top first. */
export function margins(charges: readonly Charge[]): Margin[] {
  const result: Margin[] = [];
  let seller: Charge | null = null;
  for (const charge of charges) {
    if (seller) result.push({ accountId: seller.accountId, marginMinor: charge.amountMinor - seller.amountMinor });
    seller = charge;
  }
  return result;
}
