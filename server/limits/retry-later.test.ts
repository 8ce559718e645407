import { describe, expect, it } from "vitest";
import { RetryLater, retryAfterSecondsOf } from "./retry-later";

describe("retryAfterSecondsOf", () => {
  it.each([
    [0, 1],
    [-5, 1],
    [1, 1],
    [999, 1],
    [1_000, 1],
    [1_001, 2],
    [59_500, 60],
    [900_000, 900],
  ])("%i ms -> %i s (rounded up, never 0)", (ms, seconds) => {
    expect(retryAfterSecondsOf(ms)).toBe(seconds);
  });
});

describe("RetryLater", () => {
  it("says what happened and how long to wait", () => {
    expect(new RetryLater(30_000)).toMatchObject({
      retryAfterSeconds: 30,
      message: "Too many attempts, try again in 30 s.",
    });
    expect(new RetryLater(1, "Too many requests for this account at once").message).toBe(
      "Too many requests for this account at once, try again in 1 s.",
    );
  });
});
