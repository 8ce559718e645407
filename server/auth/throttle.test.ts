import { afterEach, describe, expect, it, vi } from "vitest";
import { AttemptThrottle } from "./throttle";

function clockedThrottle(options: { limit: number; windowMs: number }) {
  let now = 0;
  const throttle = new AttemptThrottle({ ...options, now: () => now });
  return {
    throttle,
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe("AttemptThrottle: the limit", () => {
  it.each([
    { limit: 1, attempts: 3, waits: [0, 60, 60] },
    { limit: 3, attempts: 5, waits: [0, 0, 0, 60, 60] },
    { limit: 5, attempts: 5, waits: [0, 0, 0, 0, 0] },
    { limit: 10, attempts: 12, waits: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 60] },
  ])("limit $limit, $attempts attempts at once -> waits $waits", ({ limit, attempts, waits }) => {
    const { throttle } = clockedThrottle({ limit, windowMs: 60_000 });
    expect(Array.from({ length: attempts }, () => throttle.hit("bistro\u0000owner@bistro.test"))).toEqual(waits);
  });

  it("counts each key on its own", () => {
    const { throttle } = clockedThrottle({ limit: 2, windowMs: 60_000 });
    expect([throttle.hit("a"), throttle.hit("a"), throttle.hit("a")]).toEqual([0, 0, 60]);
    expect([throttle.hit("b"), throttle.hit("b"), throttle.hit("b")]).toEqual([0, 0, 60]);
  });
});

describe("AttemptThrottle: the wait", () => {
  // Limit 3 in a 60 s window opened at t=0; the fourth attempt comes at `atMs`.
  it.each([
    { atMs: 0, wait: 60 },
    { atMs: 1, wait: 60 }, // 59.999 s left: rounded up
    { atMs: 999, wait: 60 },
    { atMs: 1_000, wait: 59 },
    { atMs: 15_000, wait: 45 },
    { atMs: 30_500, wait: 30 },
    { atMs: 59_000, wait: 1 },
    { atMs: 59_999, wait: 1 }, // never 0 while refused
    { atMs: 60_000, wait: 0 }, // the window is over: a new one starts
    { atMs: 90_000, wait: 0 },
  ])("at $atMs ms: wait $wait s", ({ atMs, wait }) => {
    const { throttle, at } = clockedThrottle({ limit: 3, windowMs: 60_000 });
    for (let attempt = 0; attempt < 3; attempt += 1) expect(throttle.hit("k")).toBe(0);
    at(atMs);
    expect(throttle.hit("k")).toBe(wait);
  });

  it("is a fixed window: refused attempts do not push the window's end back", () => {
    const { throttle, at } = clockedThrottle({ limit: 1, windowMs: 10_000 });
    expect(throttle.hit("k")).toBe(0);
    at(2_000);
    expect(throttle.hit("k")).toBe(8);
    at(9_000);
    expect(throttle.hit("k")).toBe(1);
    at(10_000);
    expect(throttle.hit("k")).toBe(0);
  });
});

describe("AttemptThrottle: a new window", () => {
  it("starts counting from scratch once the old window ends", () => {
    const { throttle, at } = clockedThrottle({ limit: 2, windowMs: 1_000 });
    expect([throttle.hit("k"), throttle.hit("k"), throttle.hit("k")]).toEqual([0, 0, 1]);
    at(1_000);
    expect([throttle.hit("k"), throttle.hit("k"), throttle.hit("k")]).toEqual([0, 0, 1]);
    at(1_500);
    expect(throttle.hit("k")).toBe(1); // the new window ends at 2 000
    at(2_000);
    expect(throttle.hit("k")).toBe(0);
  });

  it("opens a key's window at its first attempt, not at the throttle's creation", () => {
    const { throttle, at } = clockedThrottle({ limit: 1, windowMs: 10_000 });
    at(25_000);
    expect(throttle.hit("k")).toBe(0);
    at(30_000);
    expect(throttle.hit("k")).toBe(5);
  });
});

describe("AttemptThrottle: reset()", () => {
  it("forgets one key's attempts and leaves the others", () => {
    const { throttle } = clockedThrottle({ limit: 1, windowMs: 60_000 });
    throttle.hit("a");
    throttle.hit("b");
    expect(throttle.hit("a")).toBe(60);
    throttle.reset("a");
    expect(throttle.hit("a")).toBe(0);
    expect(throttle.hit("a")).toBe(60);
    expect(throttle.hit("b")).toBe(60);
  });

  it("of a key never seen is harmless", () => {
    const { throttle } = clockedThrottle({ limit: 1, windowMs: 60_000 });
    throttle.reset("never");
    expect(throttle.hit("never")).toBe(0);
  });
});

describe("AttemptThrottle: without an injected clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("uses the system time", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    const throttle = new AttemptThrottle({ limit: 1, windowMs: 60_000 });
    expect(throttle.hit("k")).toBe(0);
    vi.setSystemTime(new Date("2026-11-23T10:00:20Z"));
    expect(throttle.hit("k")).toBe(40);
    vi.setSystemTime(new Date("2026-11-23T10:01:00Z"));
    expect(throttle.hit("k")).toBe(0);
  });
});
