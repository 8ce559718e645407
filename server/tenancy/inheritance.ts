/**
 * Inheritance of branding and defaults: a null value on an account means "inherit". The effective
 * value is the nearest non-null value up the ancestor chain, then the platform default.
 * Pure and non-mutating; unit-tested with a table in inheritance.test.ts.
 */
export type ValueSource =
  | { kind: "account"; accountId: string; slug: string; name: string; depth: number }
  | { kind: "platform" };

export type Inherited<V> = { value: V; source: ValueSource };

export type ChainLink<K extends string> = {
  accountId: string;
  slug: string;
  name: string;
  /** 0 for the account itself, 1 for its parent, and so on. */
  depth: number;
  values: { readonly [P in K]?: unknown };
};

export type Resolved<T extends Record<string, unknown>> = { [P in keyof T]: Inherited<T[P]> };

export function resolveInherited<T extends Record<string, unknown>>(
  chain: readonly ChainLink<Extract<keyof T, string>>[],
  platformDefaults: T,
): Resolved<T> {
  const nearestFirst = [...chain].sort((a, b) => a.depth - b.depth);
  const entries = (Object.keys(platformDefaults) as Extract<keyof T, string>[]).map((key) => {
    const link = nearestFirst.find((candidate) => {
      const value = candidate.values[key];
      return value !== null && value !== undefined;
    });
    const inherited: Inherited<T[typeof key]> = link
      ? {
          value: link.values[key] as T[typeof key],
          source: { kind: "account", accountId: link.accountId, slug: link.slug, name: link.name, depth: link.depth },
        }
      : { value: platformDefaults[key], source: { kind: "platform" } };
    return [key, inherited] as const;
  });
  return Object.fromEntries(entries) as unknown as Resolved<T>;
}
