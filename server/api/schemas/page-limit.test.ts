import { describe, expect, it } from "vitest";
import { pageLimit } from "./page-limit";

describe("pageLimit", () => {
  const limit = pageLimit(25);

  it("takes a number or a query string's digits, and its default when not given", () => {
    expect(limit.parse(10)).toBe(10);
    expect(limit.parse("100")).toBe(100);
    expect(limit.parse(undefined)).toBe(25);
  });

  it.each([0, 101, 1.5, "ten"])("refuses %j with one message", (value) => {
    const result = limit.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["limit must be a whole number from 1 to 100"]);
  });
});
