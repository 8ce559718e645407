import { describe, expect, it } from "vitest";
import { type ChainLink, resolveInherited } from "./inheritance";

type Settings = { brandName: string; color: string; timezone: string; limit: number; enabled: boolean };
const PLATFORM: Settings = { brandName: "SIP.IO", color: "#000000", timezone: "UTC", limit: 5, enabled: true };

const link = (depth: number, slug: string, values: ChainLink<keyof Settings>["values"]): ChainLink<keyof Settings> => ({
  accountId: `00000000-0000-4000-8000-00000000000${depth}`,
  slug,
  name: slug.toUpperCase(),
  depth,
  values,
});

const child = link(0, "bistro", { brandName: null, color: null, timezone: "Europe/Paris" });
const reseller = link(1, "voicereseller", { brandName: "VoiceReseller", color: "#7c3aed", timezone: null });
const top = link(2, "master", { brandName: "Master", color: "#111111", timezone: "Asia/Tokyo", limit: 9 });

describe("resolveInherited", () => {
  it.each([
    ["brandName", "VoiceReseller", "voicereseller", 1],
    ["color", "#7c3aed", "voicereseller", 1],
    ["timezone", "Europe/Paris", "bistro", 0],
    ["limit", 9, "master", 2],
  ] as const)("%s resolves to the nearest value (%j from %s)", (key, value, slug, depth) => {
    const resolved = resolveInherited([child, reseller, top], PLATFORM);
    expect(resolved[key].value).toBe(value);
    expect(resolved[key].source).toMatchObject({ kind: "account", slug, depth });
  });

  it("falls back to the platform when no account sets a value", () => {
    const resolved = resolveInherited([child, reseller, top], PLATFORM);
    expect(resolved.enabled).toEqual({ value: true, source: { kind: "platform" } });
    expect(resolveInherited([], PLATFORM).brandName).toEqual({ value: "SIP.IO", source: { kind: "platform" } });
  });

  it("treats null and undefined as inherit, but false, 0 and empty string as values", () => {
    const own = link(0, "own", { enabled: false, limit: 0, brandName: "" });
    const resolved = resolveInherited([own, top], PLATFORM);
    expect(resolved.enabled).toMatchObject({ value: false, source: { slug: "own" } });
    expect(resolved.limit).toMatchObject({ value: 0, source: { slug: "own" } });
    expect(resolved.brandName).toMatchObject({ value: "", source: { slug: "own" } });
  });

  it("orders the chain by depth, whatever order it arrives in", () => {
    expect(resolveInherited([top, child, reseller], PLATFORM)).toEqual(
      resolveInherited([child, reseller, top], PLATFORM),
    );
  });

  it("does not mutate its inputs", () => {
    const chain = Object.freeze(
      [child, reseller, top].map((entry) => Object.freeze({ ...entry, values: Object.freeze({ ...entry.values }) })),
    );
    const platform = Object.freeze({ ...PLATFORM });
    expect(() => resolveInherited(chain, platform)).not.toThrow();
    expect(chain.map((entry) => entry.slug)).toEqual(["bistro", "voicereseller", "master"]);
  });

  it("an override at the child wins, and removing it (null) inherits again", () => {
    const overridden = link(0, "bistro", { ...child.values, color: "#ff0000" });
    expect(resolveInherited([overridden, reseller], PLATFORM).color).toMatchObject({
      value: "#ff0000",
      source: { depth: 0 },
    });
    const reset = link(0, "bistro", { ...child.values, color: null });
    expect(resolveInherited([reset, reseller], PLATFORM).color).toMatchObject({
      value: "#7c3aed",
      source: { depth: 1 },
    });
  });
});
