import { describe, expect, it } from "vitest";
import { limitsAbovePlan } from "./limits";

const starter = { name: "Starter", maxConcurrentCalls: 2 };

describe("limitsAbovePlan", () => {
  it("refuses each limit above the plan's concurrent calls, naming the plan, at the limit's field", () => {
    expect(limitsAbovePlan({ maxIn: 25, maxOut: 20, maxDialer: 0 }, starter)).toEqual([
      {
        reason: "limit_above_plan",
        field: "limits.maxIn",
        message: "inbound calls (max_in) can be at most 2: the Starter plan allows 2 concurrent calls.",
      },
      {
        reason: "limit_above_plan",
        field: "limits.maxOut",
        message: "outbound calls (max_out) can be at most 2: the Starter plan allows 2 concurrent calls.",
      },
    ]);
  });

  it("accepts limits up to the plan's, and anything under an unlimited plan", () => {
    expect(limitsAbovePlan({ maxIn: 2, maxOut: 2, maxDialer: 2 }, starter)).toEqual([]);
    expect(
      limitsAbovePlan({ maxIn: 900, maxOut: 900, maxDialer: 900 }, { name: "Enterprise", maxConcurrentCalls: null }),
    ).toEqual([]);
  });

  it("puts the problem where the caller says: the plan, when only the plan changed", () => {
    expect(limitsAbovePlan({ maxIn: 3, maxOut: 0, maxDialer: 0 }, starter, () => "planId")[0]?.field).toBe("planId");
  });
});
