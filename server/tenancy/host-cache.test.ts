import { afterEach, describe, expect, it, vi } from "vitest";
import { HostCache } from "./host-cache";

function clockedCache(options: { ttlMs: number; maxEntries: number }) {
  let now = 1_000_000;
  const cache = new HostCache<string>({ ...options, now: () => now });
  return {
    cache,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("HostCache: time to live", () => {
  it.each([
    { ttlMs: 5_000, elapsedMs: 0, hit: true },
    { ttlMs: 5_000, elapsedMs: 1, hit: true },
    { ttlMs: 5_000, elapsedMs: 4_999, hit: true },
    { ttlMs: 5_000, elapsedMs: 5_000, hit: false },
    { ttlMs: 5_000, elapsedMs: 5_001, hit: false },
    { ttlMs: 5_000, elapsedMs: 3_600_000, hit: false },
    { ttlMs: 60_000, elapsedMs: 59_999, hit: true },
    { ttlMs: 60_000, elapsedMs: 60_000, hit: false },
  ])("ttl $ttlMs ms, read after $elapsedMs ms: hit=$hit", ({ ttlMs, elapsedMs, hit }) => {
    const { cache, advance } = clockedCache({ ttlMs, maxEntries: 10 });
    cache.set("acme.localhost", "acme");
    advance(elapsedMs);
    expect(cache.get("acme.localhost")).toBe(hit ? "acme" : undefined);
    expect(cache.size).toBe(hit ? 1 : 0); // an expired entry is dropped when read
  });

  it("counts each entry's time from its own write", () => {
    const { cache, advance } = clockedCache({ ttlMs: 5_000, maxEntries: 10 });
    cache.set("a.localhost", "a");
    advance(3_000);
    cache.set("b.localhost", "b");
    advance(2_000);
    expect(cache.get("a.localhost")).toBeUndefined();
    expect(cache.get("b.localhost")).toBe("b");
    advance(3_000);
    expect(cache.get("b.localhost")).toBeUndefined();
  });

  it("a rewrite starts the time to live again, a read does not", () => {
    const { cache, advance } = clockedCache({ ttlMs: 5_000, maxEntries: 10 });
    cache.set("acme.localhost", "old");
    advance(4_000);
    expect(cache.get("acme.localhost")).toBe("old");
    cache.set("acme.localhost", "new");
    advance(4_000);
    expect(cache.get("acme.localhost")).toBe("new");
    advance(1_000);
    expect(cache.get("acme.localhost")).toBeUndefined();
  });

  it("answers undefined for a host it never saw", () => {
    const { cache } = clockedCache({ ttlMs: 5_000, maxEntries: 10 });
    expect(cache.get("unknown.localhost")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe("HostCache: without an injected clock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("uses the system time", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-23T10:00:00Z"));
    const cache = new HostCache<string>({ ttlMs: 1_000, maxEntries: 10 });
    cache.set("acme.localhost", "acme");
    vi.setSystemTime(new Date("2026-11-23T10:00:00.999Z"));
    expect(cache.get("acme.localhost")).toBe("acme");
    vi.setSystemTime(new Date("2026-11-23T10:00:01Z"));
    expect(cache.get("acme.localhost")).toBeUndefined();
  });
});

describe("HostCache: clear()", () => {
  it("drops every entry at once, and the cache works again afterwards", () => {
    const { cache } = clockedCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.set("a.localhost", "a");
    cache.set("b.localhost", "b");
    cache.set("c.localhost", "c");
    expect(cache.size).toBe(3);

    cache.clear();

    expect(cache.size).toBe(0);
    expect(cache.get("a.localhost")).toBeUndefined();
    expect(cache.get("b.localhost")).toBeUndefined();
    expect(cache.get("c.localhost")).toBeUndefined();
    cache.set("a.localhost", "a again");
    expect(cache.get("a.localhost")).toBe("a again");
    expect(cache.size).toBe(1);
  });
});

describe("HostCache: bounded size", () => {
  it.each([
    { maxEntries: 1, writes: ["a", "b"], kept: ["b"] },
    { maxEntries: 2, writes: ["a", "b", "c"], kept: ["b", "c"] },
    { maxEntries: 3, writes: ["a", "b", "c", "d", "e"], kept: ["c", "d", "e"] },
    { maxEntries: 3, writes: ["a", "b", "c"], kept: ["a", "b", "c"] },
    // rewriting a key makes it the newest and does not count twice
    { maxEntries: 2, writes: ["a", "b", "a", "c"], kept: ["a", "c"] },
    { maxEntries: 2, writes: ["a", "a", "a", "b"], kept: ["a", "b"] },
    { maxEntries: 3, writes: ["a", "b", "c", "a", "d", "e"], kept: ["a", "d", "e"] },
    { maxEntries: 3, writes: ["a", "b", "c", "b", "d", "e"], kept: ["b", "d", "e"] },
    // rewriting a key in a full cache evicts nothing
    { maxEntries: 2, writes: ["a", "b", "b"], kept: ["a", "b"] },
    { maxEntries: 2, writes: ["a", "b", "a"], kept: ["a", "b"] },
  ])("max $maxEntries, writes $writes: keeps $kept", ({ maxEntries, writes, kept }) => {
    const { cache } = clockedCache({ ttlMs: 60_000, maxEntries });
    for (const [index, key] of writes.entries()) cache.set(key, `${key}${index}`);
    expect(cache.size).toBe(kept.length);
    for (const key of writes) {
      const lastWrite = writes.lastIndexOf(key);
      expect(cache.get(key)).toBe(kept.includes(key) ? `${key}${lastWrite}` : undefined);
    }
  });

  it("evicts the oldest written entry, even if it was read recently", () => {
    const { cache } = clockedCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("a", "1");
    cache.set("b", "2");
    expect(cache.get("a")).toBe("1");
    cache.set("c", "3");
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBe("2");
    expect(cache.get("c")).toBe("3");
  });

  it("never holds more than maxEntries, however many hosts are written", () => {
    const { cache } = clockedCache({ ttlMs: 60_000, maxEntries: 50 });
    for (let index = 0; index < 1_000; index += 1) {
      cache.set(`host-${index}.localhost`, `${index}`);
      expect(cache.size).toBeLessThanOrEqual(50);
    }
    expect(cache.size).toBe(50);
    expect(cache.get("host-949.localhost")).toBeUndefined();
    expect(cache.get("host-950.localhost")).toBe("950");
    expect(cache.get("host-999.localhost")).toBe("999");
  });
});
