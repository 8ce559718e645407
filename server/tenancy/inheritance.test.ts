import { describe, expect, it } from "vitest";
import { type ChainLink, type Inherited, resolveInherited, type ValueSource } from "./inheritance";

type Settings = {
  brandName: string;
  color: string;
  timezone: string;
  supportEmail: string | null;
  voiceGender: "male" | "female";
  limit: number;
  enabled: boolean;
  greeting: string;
};
type Key = keyof Settings;

const PLATFORM: Settings = {
  brandName: "SIP.IO",
  color: "#000000",
  timezone: "UTC",
  supportEmail: null,
  voiceGender: "female",
  limit: 5,
  enabled: true,
  greeting: "Welcome",
};

function link(depth: number, slug: string, values: ChainLink<Key>["values"]): ChainLink<Key> {
  return { accountId: `00000000-0000-4000-8000-00000000000${depth}`, slug, name: `${slug} (name)`, depth, values };
}

function fromAccount(entry: ChainLink<Key>): ValueSource {
  return { kind: "account", accountId: entry.accountId, slug: entry.slug, name: entry.name, depth: entry.depth };
}

const PLATFORM_SOURCE: ValueSource = { kind: "platform" };

/** Freezes `value` and everything reachable from it, so that any write throws in strict mode. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// The account itself, its reseller and the reseller's own parent. A missing key and an explicit
// undefined inherit exactly like null.
const bistro = link(0, "bistro", {
  brandName: null,
  color: undefined,
  timezone: "Europe/Paris",
  supportEmail: null,
  limit: 0,
  enabled: false,
  greeting: "",
});
const reseller = link(1, "voicereseller", {
  brandName: "VoiceReseller",
  timezone: null,
  limit: 9,
  enabled: true,
  greeting: "Hello",
});
const master = link(2, "master", {
  brandName: "Master",
  color: "#111111",
  timezone: "Asia/Tokyo",
  voiceGender: "male",
  limit: 20,
  greeting: "Hi",
});

const EXPECTED: { [K in Key]: Inherited<Settings[K]> } = {
  brandName: { value: "VoiceReseller", source: fromAccount(reseller) }, // null at the child
  color: { value: "#111111", source: fromAccount(master) }, // undefined at the child, missing at the reseller
  timezone: { value: "Europe/Paris", source: fromAccount(bistro) }, // the account's own value
  supportEmail: { value: null, source: PLATFORM_SOURCE }, // nobody sets it, and the platform default is null
  voiceGender: { value: "male", source: fromAccount(master) }, // only the top sets it
  limit: { value: 0, source: fromAccount(bistro) }, // 0 is a value
  enabled: { value: false, source: fromAccount(bistro) }, // false is a value
  greeting: { value: "", source: fromAccount(bistro) }, // "" is a value
};

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

describe("resolveInherited", () => {
  it.each(Object.keys(EXPECTED) as Key[])("%s resolves to the nearest value that is not null", (key) => {
    expect(resolveInherited([bistro, reseller, master], PLATFORM)[key]).toEqual(EXPECTED[key]);
  });

  it("returns one entry per platform default, and nothing else", () => {
    expect(Object.keys(resolveInherited([bistro, reseller, master], PLATFORM)).sort()).toEqual(
      Object.keys(PLATFORM).sort(),
    );
  });

  it.each<[string, ChainLink<Key>["values"], Inherited<string>]>([
    ["set at the account", { brandName: "Bistro" }, { value: "Bistro", source: fromAccount(link(0, "bistro", {})) }],
    ["null at the account", { brandName: null }, { value: "VoiceReseller", source: fromAccount(reseller) }],
    ["undefined at the account", { brandName: undefined }, { value: "VoiceReseller", source: fromAccount(reseller) }],
    ["missing at the account", {}, { value: "VoiceReseller", source: fromAccount(reseller) }],
    ["empty at the account", { brandName: "" }, { value: "", source: fromAccount(link(0, "bistro", {})) }],
  ])("an account's own brand name: %s", (_case, values, expected) => {
    expect(resolveInherited([link(0, "bistro", values), reseller, master], PLATFORM).brandName).toEqual(expected);
  });

  it.each<[string, readonly ChainLink<Key>[]]>([
    ["an empty chain", []],
    ["a chain where every value is null", [link(0, "a", { brandName: null }), link(1, "b", { brandName: null })]],
    ["a chain where every value is undefined", [link(0, "a", { brandName: undefined }), link(1, "b", {})]],
  ])("falls back to the platform default with %s", (_case, chain) => {
    const resolved = resolveInherited(chain, PLATFORM);
    expect(resolved.brandName).toEqual({ value: "SIP.IO", source: PLATFORM_SOURCE });
    expect(resolved.limit).toEqual({ value: 5, source: PLATFORM_SOURCE });
  });

  it("with an empty chain, every value is the platform's", () => {
    const resolved = resolveInherited([], PLATFORM);
    for (const key of Object.keys(PLATFORM) as Key[]) {
      expect(resolved[key]).toEqual({ value: PLATFORM[key], source: PLATFORM_SOURCE });
    }
  });

  it.each(
    permutations([bistro, reseller, master]).map((chain): [string, ChainLink<Key>[]] => [
      chain.map((entry) => entry.slug).join(", "),
      chain,
    ]),
  )("orders the chain by depth whatever order it arrives in (%s)", (_order, chain) => {
    expect(resolveInherited(chain, PLATFORM)).toEqual(EXPECTED);
  });

  it("does not mutate its inputs (deeply frozen, and unchanged afterwards)", () => {
    const chain = deepFreeze([master, bistro, reseller].map((entry) => structuredClone(entry)));
    const platform = deepFreeze(structuredClone(PLATFORM));
    const chainBefore = structuredClone(chain);
    const platformBefore = structuredClone(platform);

    const resolved = resolveInherited(chain, platform);

    expect(resolved).toEqual(EXPECTED);
    expect(chain).toEqual(chainBefore);
    expect(chain.map((entry) => entry.slug)).toEqual(["master", "bistro", "voicereseller"]);
    expect(platform).toEqual(platformBefore);
    expect(resolved).not.toBe(platform);
  });

  it("an override at the account wins, and setting it back to null inherits again", () => {
    const overridden = link(0, "bistro", { ...bistro.values, color: "#ff0000" });
    expect(resolveInherited([overridden, reseller, master], PLATFORM).color).toEqual({
      value: "#ff0000",
      source: fromAccount(overridden),
    });
    const cleared = link(0, "bistro", { ...overridden.values, color: null });
    expect(resolveInherited([cleared, reseller, master], PLATFORM).color).toEqual(EXPECTED.color);
  });
});
