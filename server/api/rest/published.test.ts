/**
 * What the REST face publishes, checked against the router itself: every operation is one existing
 * procedure, no procedure or route twice, path parameters are input fields, and the library's
 * in-place coercion of query strings finds nothing to change (server/api/schemas/rest-input.ts).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appRouter } from "../root";
import { restDocument } from "./document";

const OpenApi = z.object({ method: z.enum(["GET", "POST", "PATCH", "PUT", "DELETE"]), path: z.string() });
const Def = z.object({
  type: z.enum(["query", "mutation", "subscription"]),
  meta: z.object({ openapi: OpenApi.optional() }).loose().optional(),
  inputs: z.array(z.unknown()),
});

const procedures = Object.entries(appRouter._def.procedures).map(([path, procedure]) => {
  const def = Def.parse((procedure as unknown as { _def: unknown })._def);
  return { path, type: def.type, openapi: def.meta?.openapi, input: def.inputs[0] };
});
const published = procedures.filter((procedure) => procedure.openapi !== undefined);

/** The zod internals the library walks (zod's public `def`). */
type Walked = { _zod: { def: { type: string; coerce?: boolean } } };
const kindOf = (schema: unknown) => (schema as Walked)._zod.def.type;

/** What trpc-to-openapi's unwrapping sees through before it sets `coerce` on a number or boolean. */
function unwrapped(schema: unknown): unknown {
  const kind = kindOf(schema);
  if (kind === "array") return unwrapped((schema as z.ZodArray).element);
  if (kind === "optional" || kind === "nullable" || kind === "default" || kind === "prefault") {
    return unwrapped((schema as z.ZodOptional).unwrap());
  }
  if (kind === "lazy") return unwrapped((schema as z.ZodLazy).def.getter());
  return schema;
}

/** Every leaf the library would set `coerce` on, with whether it already is coerced. */
function coercibleLeaves(object: z.ZodObject, prefix: string): { field: string; coerced: boolean }[] {
  return Object.entries(object.shape).flatMap(([name, field]) => {
    const leaf = unwrapped(field);
    const kind = kindOf(leaf);
    if (kind === "object") return coercibleLeaves(leaf as z.ZodObject, `${prefix}${name}.`);
    if (!["number", "boolean", "bigint", "date"].includes(kind)) return [];
    return [{ field: `${prefix}${name}`, coerced: (leaf as Walked)._zod.def.coerce === true }];
  });
}

describe("the REST face's operations", () => {
  it("publishes the main nouns and nothing meant for browsers only", () => {
    const paths = new Set(published.map((procedure) => procedure.path));
    for (const path of ["account.current", "accounts.listChildren", "users.list", "users.invite", "audit.list"]) {
      expect(paths).toContain(path);
    }
    for (const procedure of published) {
      expect(procedure.path).not.toMatch(/^(openAs|profile|invitation|passwordReset)\./);
      expect(procedure.path).not.toBe("branding.forHost");
    }
  });

  it("maps every operation of the document to one existing procedure, and no procedure twice", () => {
    const document = restDocument();
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId: string }>).map(([method, operation]) => ({
        route: `${method.toUpperCase()} ${path}`,
        procedure: operation.operationId.replaceAll("-", "."),
      })),
    );
    const known = new Set(procedures.map((procedure) => procedure.path));
    for (const operation of operations) expect(known, operation.route).toContain(operation.procedure);
    const byProcedure = operations.map((operation) => operation.procedure);
    expect(new Set(byProcedure).size).toBe(byProcedure.length);
    expect(new Set(operations.map((operation) => operation.route)).size).toBe(operations.length);
    expect(byProcedure.sort()).toEqual(published.map((procedure) => procedure.path).sort());
  });

  it("reads queries with GET and changes with POST, PUT, PATCH or DELETE", () => {
    for (const { path, type, openapi } of published) {
      expect(openapi?.method === "GET", path).toBe(type === "query");
    }
  });

  it("names only input fields as path parameters", () => {
    for (const { path, openapi, input } of published) {
      const names = [...(openapi?.path ?? "").matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      if (names.length === 0) continue;
      const shape = (unwrapped(input) as z.ZodObject).shape;
      for (const name of names) expect(Object.keys(shape), `${path}: {${name}}`).toContain(name);
    }
  });

  it("leaves the library's coercion nothing to change: query numbers coerce already, JSON ones are out of its reach", () => {
    const uncoerced = published.flatMap(({ path, input }) => {
      if (input === undefined) return [];
      const object = unwrapped(input);
      if (kindOf(object) !== "object") return [{ field: `${path}: (input is not an object)`, coerced: false }];
      return coercibleLeaves(object as z.ZodObject, `${path}: `).filter((leaf) => !leaf.coerced);
    });
    expect(uncoerced).toEqual([]);
  });

  it("keeps JSON-only values strict for tRPC callers", async () => {
    const { CreateChildAccountInput } = await import("../schemas/managed-account.schema");
    const base = { name: "Strict", slug: "strict", planId: "basic", limits: { maxIn: 1, maxOut: 1, maxDialer: 1 } };
    expect(CreateChildAccountInput.safeParse({ ...base, isReseller: "false" }).success).toBe(false);
    expect(CreateChildAccountInput.safeParse({ ...base, limits: { ...base.limits, maxIn: "" } }).success).toBe(false);
    expect(CreateChildAccountInput.safeParse(base).success).toBe(true);
  });
});
