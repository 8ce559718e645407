import superjson from "superjson";

/**
 * superjson, as every client reads it, with a shortcut for answers that are plain JSON already:
 * most answers (account.current on every page) hold only strings, finite numbers, booleans, nulls,
 * arrays and plain objects, which superjson writes as `{ json: value }` after walking every value
 * with its path, a twelfth of a signed-in call's CPU (docs/PERFORMANCE.md). Anything else (a Date,
 * undefined, NaN, -0, a Map, a class instance, one object reached twice) goes to superjson itself,
 * so the answer on the wire is always the one superjson would write (transformer.test.ts).
 */
export const transformer = {
  serialize(value: unknown) {
    return isPlainJson(value, new Set()) ? { json: value } : superjson.serialize(value);
  },
  deserialize: superjson.deserialize,
};

function isPlainJson(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  // superjson marks an object reached twice (its referential equalities): leave those to it.
  if (seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value) || !isPlainJson(value[i], seen)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], seen)) return false;
  }
  return true;
}
