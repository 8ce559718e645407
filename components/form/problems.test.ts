import { describe, expect, it } from "vitest";
import { problemAt } from "./problems";

const problems = [
  { reason: "limit_above_plan", field: "limits.maxIn", message: "In is too high." },
  { reason: "limit_above_parent", field: "limits.maxIn", message: "In is above the parent's." },
  { reason: "slug_taken", field: "slug", message: "Taken." },
  { reason: "forbidden", field: null, message: "Not yours." },
];

describe("problemAt", () => {
  it("gives every problem about a field, by the field the server named, never by its words", () => {
    expect(problemAt(problems, "limits.maxIn")).toBe("In is too high. In is above the parent's.");
    expect(problemAt(problems, "slug")).toBe("Taken.");
  });

  it("is null for a field without problems, and never picks up the request-wide ones", () => {
    expect(problemAt(problems, "name")).toBeNull();
    expect(problemAt(problems, "null")).toBeNull();
  });
});
