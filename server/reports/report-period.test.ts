import { describe, expect, it } from "vitest";
import { planPeriod } from "./report-period";

describe("planPeriod", () => {
  it.each([
    // A year of whole months: months only.
    ["2025-12-01", "2026-11-30", [], { from: "2025-12-01", to: "2026-11-01" }, "month"],
    // Within one month: days only.
    ["2026-11-03", "2026-11-20", [{ from: "2026-11-03", to: "2026-11-20" }], null, "day"],
    // One whole month: months only, charted by day.
    ["2026-02-01", "2026-02-28", [], { from: "2026-02-01", to: "2026-02-01" }, "day"],
    // Ragged ends around whole months.
    [
      "2025-12-15",
      "2026-03-10",
      [
        { from: "2025-12-15", to: "2025-12-31" },
        { from: "2026-03-01", to: "2026-03-10" },
      ],
      { from: "2026-01-01", to: "2026-02-01" },
      "month",
    ],
    // Two ragged months next to each other: no whole month between them.
    ["2026-10-20", "2026-11-05", [{ from: "2026-10-20", to: "2026-11-05" }], null, "day"],
    // A leap February's end, and a single day.
    ["2028-02-29", "2028-02-29", [{ from: "2028-02-29", to: "2028-02-29" }], null, "day"],
    [
      "2028-01-10",
      "2028-02-29",
      [{ from: "2028-01-10", to: "2028-01-31" }],
      { from: "2028-02-01", to: "2028-02-01" },
      "day",
    ],
  ])("%s to %s", (from, to, days, months, granularity) => {
    expect(planPeriod(from, to)).toEqual({ days, months, granularity });
  });

  it("covers every day of a period exactly once", () => {
    const cases = [
      ["2025-12-15", "2026-03-10"],
      ["2026-01-01", "2026-12-31"],
      ["2026-01-31", "2026-02-01"],
      ["2025-11-30", "2026-11-29"],
    ];
    for (const [from = "", to = ""] of cases) {
      const plan = planPeriod(from, to);
      const covered: string[] = [];
      const add = (a: string, b: string) => {
        for (let day = Date.parse(`${a}T00:00:00Z`); day <= Date.parse(`${b}T00:00:00Z`); day += 86_400_000) {
          covered.push(new Date(day).toISOString().slice(0, 10));
        }
      };
      for (const range of plan.days) add(range.from, range.to);
      if (plan.months) {
        const lastMonthEnd = new Date(
          Date.UTC(Number(plan.months.to.slice(0, 4)), Number(plan.months.to.slice(5, 7)), 0),
        )
          .toISOString()
          .slice(0, 10);
        add(plan.months.from, lastMonthEnd);
      }
      const expected: string[] = [];
      for (let day = Date.parse(`${from}T00:00:00Z`); day <= Date.parse(`${to}T00:00:00Z`); day += 86_400_000) {
        expected.push(new Date(day).toISOString().slice(0, 10));
      }
      expect(covered.sort()).toEqual(expected);
    }
  });
});
