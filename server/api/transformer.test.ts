import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { transformer } from "./transformer";

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

const shared = { id: "shared" };
const sparse: number[] = [];
sparse[0] = 1;
sparse[2] = 3;
const cyclic: Record<string, unknown> = { name: "cycle" };
cyclic.self = cyclic;

/** Answers as procedures give them, and every kind of value superjson treats specially. */
const VALUES: Record<string, unknown> = {
  "an account overview": {
    account: { id: "a6f1", slug: "bistro", limits: { maxIn: 4, maxOut: 2, maxDialer: 0 }, parentId: null },
    permissions: ["account:read", "users:write"],
    effective: { primaryColor: { value: "#123456", from: { id: "p", name: "VoiceReseller" } }, logoUrl: null },
  },
  "a page": { items: [{ n: 1 }, { n: 2.5 }, { n: -3 }], nextCursor: null },
  "scalars and empties": [null, true, false, 0, "", [], {}],
  "a null prototype": Object.assign(Object.create(null), { a: 1 }),
  "a string only": "plain",
  null: null,
  "undefined in an object": { a: undefined, b: 1 },
  "undefined alone": undefined,
  "undefined in an array": [1, undefined],
  "a sparse array": sparse,
  "a Date": { at: new Date(0) },
  "NaN, Infinity and -0": [Number.NaN, Number.POSITIVE_INFINITY, -0],
  "a bigint": { n: 10n },
  "a Map and a Set": { m: new Map([["k", 1]]), s: new Set([1]) },
  "a RegExp": { r: /x/g },
  "an Error": { e: new Error("boom") },
  "a class instance": { p: new Point(1, 2) },
  "one object reached twice": { a: shared, b: shared },
  "a cycle": cyclic,
};

describe("transformer.serialize", () => {
  it.each(Object.entries(VALUES))("writes %s exactly as superjson does", (_name, value) => {
    expect(transformer.serialize(value)).toEqual(superjson.serialize(value));
  });

  it.each(Object.entries(VALUES))("gives %s back as superjson reads it", (_name, value) => {
    const wire = JSON.parse(JSON.stringify(transformer.serialize(value)));
    expect(transformer.deserialize(wire)).toEqual(
      superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(value)))),
    );
  });
});
