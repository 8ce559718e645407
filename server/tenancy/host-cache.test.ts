import { describe, expect, it } from "vitest";
import { HostCache } from "./host-cache";

function clockedCache(options: { ttlMs: number; maxEntries: number }) {
  let now = 1_000;
  const cache = new HostCache<string>({ ...options, now: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe("HostCache", () => {
  it("returns a value until its time to live runs out", () => {
    const { cache, advance } = clockedCache({ ttlMs: 5_000, maxEntries: 10 });
    cache.set("acme.localhost", "acme");
    advance(4_999);
    expect(cache.get("acme.localhost")).toBe("acme");
    advance(1);
    expect(cache.get("acme.localhost")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("clear() drops every entry at once", () => {
    const { cache } = clockedCache({ ttlMs: 60_000, maxEntries: 10 });
    cache.set("a.localhost", "a");
    cache.set("b.localhost", "b");
    cache.clear();
    expect(cache.get("a.localhost")).toBeUndefined();
    expect(cache.get("b.localhost")).toBeUndefined();
  });

  it("stays within its size by evicting the oldest entry", () => {
    const { cache } = clockedCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set("a", "1");
    cache.set("b", "2");
    cache.set("a", "1 again"); // rewriting makes "a" the newest
    cache.set("c", "3");
    expect(cache.size).toBe(2);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("1 again");
    expect(cache.get("c")).toBe("3");
  });
});
