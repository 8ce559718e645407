import { describe, expect, it } from "vitest";
import { chosenPeriod } from "./period";

describe("chosenPeriod", () => {
  const now = new Date("2026-11-30T15:00:00Z");

  it("takes the days chosen, and this month so far for an end not chosen", () => {
    expect(chosenPeriod({ from: "2026-10-01", to: "2026-10-31" }, now)).toEqual({
      from: "2026-10-01",
      to: "2026-10-31",
    });
    expect(chosenPeriod({}, now)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(chosenPeriod({ from: "", to: ["2026-11-02", "2026-11-03"] }, now)).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
    });
  });
});
