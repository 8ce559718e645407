import { describe, expect, it } from "vitest";
import { planFeatureMessage } from "./features";
import { planChangeDetailOf, planChangeMessage } from "./plan-change-error";

describe("planChangeMessage", () => {
  it.each<[string, Parameters<typeof planChangeMessage>[1], string]>([
    [
      "users and departments",
      {
        plan: "Starter",
        planId: "starter",
        over: [
          { resource: "users", limit: 5, usage: 8 },
          { resource: "departments", limit: 3, usage: 4 },
        ],
      },
      "Bistro Group uses more than the Starter plan allows: 8 users (it allows 5) and 4 departments (it allows 3). Deactivate users and delete departments first, or choose a larger plan.",
    ],
    [
      "one department, one switched-on feature",
      {
        plan: "Starter",
        planId: "starter",
        over: [{ resource: "departments", limit: 0, usage: 1 }, { resource: "recording" }],
      },
      "Bistro Group uses more than the Starter plan allows: 1 department (it allows 0) and call recording switched on (it does not include it). Delete departments and switch call recording off first, or choose a larger plan.",
    ],
  ])("lists everything over: %s", (_case, detail, message) => {
    expect(planChangeMessage("Bistro Group", detail)).toBe(message);
  });

  it("finds the database's detail inside the driver's error, and nothing in another error", () => {
    const detail = { plan: "Starter", planId: "starter", over: [{ resource: "users", limit: 5, usage: 6 }] };
    const wrapped = {
      meta: { driverAdapterError: { cause: { originalCode: "PL002", detail: JSON.stringify(detail) } } },
    };
    expect(planChangeDetailOf(wrapped)).toEqual(detail);
    expect(planChangeDetailOf({ cause: { originalCode: "PL001", detail: "{}" } })).toBeNull();
    expect(planChangeDetailOf(new Error("other"))).toBeNull();
  });
});

describe("planFeatureMessage", () => {
  it("names the cheapest plan that has the feature", () => {
    expect(planFeatureMessage("aiTranscription", "Starter", "Professional")).toBe(
      "AI transcription is not in the Starter plan; the Professional plan has it.",
    );
    expect(planFeatureMessage("recording", "Custom", null)).toBe(
      "Call recording is not in the Custom plan, nor in any other plan.",
    );
  });
});
