import { describe, expect, it } from "vitest";
import {
  billedSeconds,
  type CallDirection,
  type ChainAccount,
  callMicros,
  type Increment,
  isValidRate,
  margins,
  markUp,
  microsToMinor,
  type PrefixRate,
  type RatingResult,
  rateCall,
} from "./rating";

// Every expected number below is worked out by hand in the comment beside it.

const USD = 2;
const JPY = 0;
const BHD = 3;

const entry = (
  direction: CallDirection,
  prefix: string,
  pricePerMinuteMicros: number,
  [first, next]: [number, number],
): PrefixRate => ({ direction, prefix, pricePerMinuteMicros, increment: { first, next } });

const inc = (first: number, next: number): Increment => ({ first, next });

/** The charges of a call that must rate, failing the test with the reason when it does not. */
function chargesOf(result: RatingResult) {
  if (!result.ok) throw new Error(`expected a rated call, got ${result.reason}`);
  return result.charges;
}

describe("billedSeconds", () => {
  // 60/60: one minute for anything up to a minute, then whole minutes.
  // 30/6: 30 s for anything up to 30 s, then 30 + ceil((d - 30) / 6) × 6.
  //   31 → 30 + 1×6 = 36; 36 → 30 + 1×6 = 36; 37 → 30 + 2×6 = 42; 59 → 30 + 5×6 = 60;
  //   60 → 30 + 5×6 = 60; 61 → 30 + 6×6 = 66; 3600 → 30 + 595×6 = 3600.
  // 1/1: every second as it is.
  it.each([
    // d, 60/60, 30/6, 1/1
    [0, 0, 0, 0],
    [1, 60, 30, 1],
    [5, 60, 30, 5],
    [6, 60, 30, 6],
    [29, 60, 30, 29],
    [30, 60, 30, 30],
    [31, 60, 36, 31],
    [36, 60, 36, 36],
    [37, 60, 42, 37],
    [59, 60, 60, 59],
    [60, 60, 60, 60],
    [61, 120, 66, 61],
    [3600, 3600, 3600, 3600],
  ])("bills %i s as %i (60/60), %i (30/6), %i (1/1)", (duration, perMinute, thirtySix, perSecond) => {
    expect(billedSeconds(duration, inc(60, 60))).toBe(perMinute);
    expect(billedSeconds(duration, inc(30, 6))).toBe(thirtySix);
    expect(billedSeconds(duration, inc(1, 1))).toBe(perSecond);
  });
});

describe("the rounding rule", () => {
  it.each([
    // seconds, micros/min, micros, digits, minor
    [1, 12_500, 209, USD, 1], // 12_500 / 60 = 208.33… → 209 µ; 209 × 100 / 10⁶ = 0.0209 → 1 ¢
    [0, 12_500, 0, USD, 0], // nothing billed, nothing charged
    [60, 12_500, 12_500, USD, 2], // 12_500 µ exactly; 1.25 ¢ → 2 ¢
    [480, 12_500, 100_000, USD, 10], // 8 min × 12_500 = 100_000 µ; exactly 10 ¢, no rounding
    [30, 10_000, 5_000, USD, 1], // 30 × 10_000 / 60 = 5_000 µ; 0.5 ¢ → 1 ¢
    [60, 1_500_000, 1_500_000, JPY, 2], // ¥1.5 → ¥2 (no minor unit)
    [120, 1_500_000, 3_000_000, JPY, 3], // ¥3 exactly
    [60, 12_345, 12_345, BHD, 13], // 12_345 × 1000 / 10⁶ = 12.345 fils → 13
    [1, 12_345, 206, BHD, 1], // 12_345 / 60 = 205.75 → 206 µ; 0.206 fils → 1
  ])("%i s at %i µ/min is %i µ, and with %i digits %i minor units", (seconds, price, micros, digits, minor) => {
    expect(callMicros(seconds, price)).toBe(micros);
    expect(microsToMinor(micros, digits)).toBe(minor);
  });

  it.each([
    // micros, digits, minor: one minor unit is 10^(6 - digits) micros
    [0, USD, 0],
    [1, USD, 1],
    [10_000, USD, 1], // exactly one cent
    [10_001, USD, 2],
    [1_000_000, JPY, 1], // exactly one yen
    [1_000_001, JPY, 2],
    [999, BHD, 1],
    [1_000, BHD, 1], // exactly one fils
    [1_001, BHD, 2],
  ])("%i µ with %i digits rounds up to %i", (micros, digits, minor) => {
    expect(microsToMinor(micros, digits)).toBe(minor);
  });

  it.each([
    [12_345, 2_500, 15_432], // 12_345 × 1.25 = 15_431.25 → 15_432
    [15_432, 1_000, 16_976], // 15_432 × 1.1 = 16_975.2 → 16_976
    [20_000, 2_500, 25_000], // exact
    [20_000, 0, 20_000], // at cost
  ])("marks %i µ/min up by %i bp to %i", (cost, basisPoints, price) => {
    expect(markUp(cost, basisPoints)).toBe(price);
  });
});

describe("isValidRate", () => {
  it.each([
    [{ pricePerMinuteMicros: 0, increment: inc(1, 1) }, true],
    [{ pricePerMinuteMicros: 12_500, increment: inc(30, 6) }, true],
    [{ pricePerMinuteMicros: -1, increment: inc(60, 60) }, false],
    [{ pricePerMinuteMicros: 12.5, increment: inc(60, 60) }, false],
    [{ pricePerMinuteMicros: 100, increment: inc(0, 60) }, false],
    [{ pricePerMinuteMicros: 100, increment: inc(60, 0) }, false],
    [{ pricePerMinuteMicros: 100, increment: inc(1.5, 1) }, false],
  ])("%o is valid: %s", (rate, valid) => {
    expect(isValidRate(rate)).toBe(valid);
  });
});

describe("rateCall: the deck", () => {
  const deck = [
    entry("out", "", 50_000, [60, 60]),
    entry("out", "33", 20_000, [60, 60]),
    entry("out", "331", 15_000, [30, 6]),
    entry("out", "3319", 10_000, [1, 1]),
    entry("in", "33", 5_000, [60, 60]),
    entry("dialer", "1", 8_000, [6, 6]),
  ];
  const chain = { deck, accounts: [{ accountId: "direct", priceList: null }] as [ChainAccount] };

  it.each([
    ["out", "+33199001234", 10_000, inc(1, 1)], // "3319" beats "331", "33" and ""
    ["out", "+33112345678", 15_000, inc(30, 6)], // "331" (not "3319")
    ["out", "+33612345678", 20_000, inc(60, 60)], // "33"
    ["out", "+442071234567", 50_000, inc(60, 60)], // only the catch-all ""
    ["in", "+33199001234", 5_000, inc(60, 60)], // in's "33", never out's "3319"
    ["dialer", "+15551234567", 8_000, inc(6, 6)],
  ] as const)("rates %s %s at %i µ/min", (direction, to, price, increment) => {
    const [charge] = chargesOf(rateCall({ direction, to, durationSeconds: 60 }, chain, USD));
    expect(charge?.rate).toEqual({ pricePerMinuteMicros: price, increment });
  });

  it.each([
    ["in", "+442071234567"], // out's catch-all does not rate an inbound call
    ["dialer", "+33199001234"],
  ] as const)("cannot rate %s %s and says so", (direction, to) => {
    expect(rateCall({ direction, to, durationSeconds: 60 }, chain, USD)).toEqual({
      ok: false,
      reason: "no_rate",
      direction,
      number: to,
    });
  });
});

describe("rateCall: a reseller chain", () => {
  const deck = [
    entry("out", "33", 12_345, [60, 60]),
    entry("out", "331", 10_000, [60, 60]),
    entry("out", "44", 30_000, [1, 1]),
  ];
  // The platform-direct reseller marks up 25%; the sub-reseller 10%, with two overrides for out
  // calls (one above its cost, one below) and an inbound one that must not touch out calls.
  const reseller: ChainAccount = { accountId: "reseller", priceList: { markupBasisPoints: 2_500, overrides: [] } };
  const subReseller: ChainAccount = {
    accountId: "sub-reseller",
    priceList: {
      markupBasisPoints: 1_000,
      overrides: [
        entry("out", "331", 20_000, [30, 6]),
        entry("out", "44", 5_000, [1, 1]),
        entry("in", "33", 1, [1, 1]),
      ],
    },
  };
  // The customer's own list prices nobody on this call.
  const customer: ChainAccount = {
    accountId: "customer",
    priceList: { markupBasisPoints: 9_000, overrides: [entry("out", "", 1, [1, 1])] },
  };
  const chain = { deck, accounts: [reseller, subReseller, customer] as [ChainAccount, ...ChainAccount[]] };

  it("compounds markups down three levels", () => {
    // 601 s on 60/60 bills 660 s = 11 min at every level.
    // reseller:     deck 12_345 µ/min → 11 × 12_345 = 135_795 µ → 13.5795 ¢ → 14 ¢
    // sub-reseller: 12_345 × 1.25 = 15_431.25 → 15_432 µ/min → 169_752 µ → 16.9752 ¢ → 17 ¢
    // customer:     15_432 × 1.10 = 16_975.2 → 16_976 µ/min → 186_736 µ → 18.6736 ¢ → 19 ¢
    const charges = chargesOf(rateCall({ direction: "out", to: "+33612345678", durationSeconds: 601 }, chain, USD));
    expect(charges).toEqual([
      {
        accountId: "reseller",
        rate: { pricePerMinuteMicros: 12_345, increment: inc(60, 60) },
        billedSeconds: 660,
        amountMinor: 14,
      },
      {
        accountId: "sub-reseller",
        rate: { pricePerMinuteMicros: 15_432, increment: inc(60, 60) },
        billedSeconds: 660,
        amountMinor: 17,
      },
      {
        accountId: "customer",
        rate: { pricePerMinuteMicros: 16_976, increment: inc(60, 60) },
        billedSeconds: 660,
        amountMinor: 19,
      },
    ]);
    // reseller 17 − 14 = 3; sub-reseller 19 − 17 = 2
    expect(margins(charges)).toEqual([
      { accountId: "reseller", marginMinor: 3 },
      { accountId: "sub-reseller", marginMinor: 2 },
    ]);
  });

  it("lets an override replace the markup for its prefix only, with its own increment", () => {
    // 95 s to "331…": reseller at deck 10_000 60/60 → 120 s → 20_000 µ → 2 ¢
    // sub-reseller at 10_000 × 1.25 = 12_500 60/60 → 120 s → 25_000 µ → 2.5 ¢ → 3 ¢
    // customer at the override 20_000 30/6 → 30 + ceil(65 / 6) × 6 = 96 s → 32_000 µ → 3.2 ¢ → 4 ¢
    const charges = chargesOf(rateCall({ direction: "out", to: "+33199001234", durationSeconds: 95 }, chain, USD));
    expect(charges.map((charge) => [charge.rate, charge.billedSeconds, charge.amountMinor])).toEqual([
      [{ pricePerMinuteMicros: 10_000, increment: inc(60, 60) }, 120, 2],
      [{ pricePerMinuteMicros: 12_500, increment: inc(60, 60) }, 120, 3],
      [{ pricePerMinuteMicros: 20_000, increment: inc(30, 6) }, 96, 4],
    ]);
    // reseller 3 − 2 = 1; sub-reseller 4 − 3 = 1
    expect(margins(charges).map((margin) => margin.marginMinor)).toEqual([1, 1]);
  });

  it("shows a negative margin for an override below cost", () => {
    // 600 s to "44…" on 1/1: reseller at deck 30_000 → 300_000 µ → 30 ¢
    // sub-reseller at 30_000 × 1.25 = 37_500 → 375_000 µ → 37.5 ¢ → 38 ¢
    // customer at the override 5_000 → 50_000 µ → 5 ¢
    const charges = chargesOf(rateCall({ direction: "out", to: "+442071234567", durationSeconds: 600 }, chain, USD));
    expect(charges.map((charge) => charge.amountMinor)).toEqual([30, 38, 5]);
    // reseller 38 − 30 = 8; sub-reseller 5 − 38 = −33
    expect(margins(charges)).toEqual([
      { accountId: "reseller", marginMinor: 8 },
      { accountId: "sub-reseller", marginMinor: -33 },
    ]);
  });

  it("charges at cost below a reseller without a price list", () => {
    // 60 s to "33…": both at 12_345 µ → 1.2345 ¢ → 2 ¢; the customer at 12_345 × 1.1 = 13_579.5 → 13_580 µ → 2 ¢
    const atCost: ChainAccount = { accountId: "reseller", priceList: null };
    const charges = chargesOf(
      rateCall(
        { direction: "out", to: "+33612345678", durationSeconds: 60 },
        { deck, accounts: [atCost, subReseller, customer] },
        USD,
      ),
    );
    expect(charges.map((charge) => [charge.rate.pricePerMinuteMicros, charge.amountMinor])).toEqual([
      [12_345, 2],
      [12_345, 2],
      [13_580, 2],
    ]);
    expect(margins(charges).map((margin) => margin.marginMinor)).toEqual([0, 0]);
  });

  it("has no margins for a single account", () => {
    const charges = chargesOf(
      rateCall({ direction: "out", to: "+33612345678", durationSeconds: 60 }, { deck, accounts: [customer] }, USD),
    );
    expect(margins(charges)).toEqual([]);
  });
});

describe("exactness at the extremes", () => {
  const week = 7 * 24 * 3600; // 604_800 s

  it("rates 7 days at 100_000_000 µ/min on 1/1 to the exact integer", () => {
    // 604_800 × 100_000_000 / 60 = 10_080 × 100_000_000 = 1_008_000_000_000 µ
    expect(callMicros(week, 100_000_000)).toBe(1_008_000_000_000);
    expect(microsToMinor(1_008_000_000_000, USD)).toBe(100_800_000); // ÷ 10⁴
    expect(microsToMinor(1_008_000_000_000, JPY)).toBe(1_008_000); // ÷ 10⁶
    expect(microsToMinor(1_008_000_000_000, BHD)).toBe(1_008_000_000); // ÷ 10³
  });

  it("rounds up exactly one second and one micro short of the extremes", () => {
    // 604_799 × 99_999_999 = 60_479_900_000_000 − 604_799 = 60_479_899_395_201
    // ÷ 60: 60 × 1_007_998_323_253 = 60_479_899_395_180, remainder 21 → 1_007_998_323_254 µ
    expect(callMicros(week - 1, 99_999_999)).toBe(1_007_998_323_254);
    // × 100 ÷ 10⁶ = 100_799_832.3254 → 100_799_833 ¢; × 1000 ÷ 10⁶ = 1_007_998_323.254 → 1_007_998_324 fils
    expect(microsToMinor(1_007_998_323_254, USD)).toBe(100_799_833);
    expect(microsToMinor(1_007_998_323_254, BHD)).toBe(1_007_998_324);
  });

  it("keeps compounded markups exact over a week", () => {
    // deck 100_000_000 → +25% = 125_000_000 → +10% = 137_500_000 µ/min, 10_080 min each:
    // 1_008_000_000_000 µ → 100_800_000 ¢; 1_260_000_000_000 µ → 126_000_000 ¢; 1_386_000_000_000 µ → 138_600_000 ¢
    const accounts: [ChainAccount, ...ChainAccount[]] = [
      { accountId: "reseller", priceList: { markupBasisPoints: 2_500, overrides: [] } },
      { accountId: "sub-reseller", priceList: { markupBasisPoints: 1_000, overrides: [] } },
      { accountId: "customer", priceList: null },
    ];
    const deck = [entry("out", "", 100_000_000, [1, 1])];
    const charges = chargesOf(
      rateCall({ direction: "out", to: "+15551234567", durationSeconds: week }, { deck, accounts }, USD),
    );
    expect(
      charges.map((charge) => [charge.rate.pricePerMinuteMicros, charge.billedSeconds, charge.amountMinor]),
    ).toEqual([
      [100_000_000, week, 100_800_000],
      [125_000_000, week, 126_000_000],
      [137_500_000, week, 138_600_000],
    ]);
  });
});
