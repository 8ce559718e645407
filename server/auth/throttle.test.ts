import { describe, expect, it } from "vitest";
import { AttemptThrottle } from "./throttle";

describe("AttemptThrottle", () => {
  it("allows `limit` attempts per window, then says how long to wait", () => {
    let now = 0;
    const throttle = new AttemptThrottle({ limit: 3, windowMs: 60_000, now: () => now });
    expect([throttle.hit("k"), throttle.hit("k"), throttle.hit("k")]).toEqual([0, 0, 0]);
    now = 15_000;
    expect(throttle.hit("k")).toBe(45);
    expect(throttle.hit("other")).toBe(0);
  });

  it("starts a new window when the old one ends", () => {
    let now = 0;
    const throttle = new AttemptThrottle({ limit: 1, windowMs: 1_000, now: () => now });
    throttle.hit("k");
    expect(throttle.hit("k")).toBe(1);
    now = 1_000;
    expect(throttle.hit("k")).toBe(0);
  });

  it("reset() forgets a key's attempts", () => {
    const throttle = new AttemptThrottle({ limit: 1, windowMs: 60_000, now: () => 0 });
    throttle.hit("k");
    throttle.reset("k");
    expect(throttle.hit("k")).toBe(0);
  });
});
