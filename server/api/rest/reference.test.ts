import { describe, expect, it } from "vitest";
import { restDocument } from "./document";
import { referenceOf, typeOf } from "./reference";

describe("typeOf", () => {
  it.each([
    [{ type: "string", format: "uuid" }, "string (uuid)"],
    [{ type: ["string", "null"] }, "string or null"],
    [{ enum: ["active", "suspended"] }, '"active" | "suspended"'],
    [{ type: "array", items: { type: "integer" } }, "array of integer"],
    [{ anyOf: [{ type: "string" }, { type: "null" }] }, "string or null"],
    [{ $ref: "#/components/schemas/ErrorBody" }, "ErrorBody"],
    [undefined, "any"],
  ])("%j reads %s", (schema, words) => {
    expect(typeOf(schema)).toBe(words);
  });
});

describe("the reference read from the OpenAPI document", () => {
  const groups = referenceOf(restDocument(), { tenant: "bistro", base: "http://voicereseller.localhost/api/v1" });
  const operation = (method: string, path: string) =>
    groups.flatMap((group) => group.operations).find((each) => each.method === method && each.path === path);

  it("groups every operation by its noun, each once", () => {
    const all = groups.flatMap((group) => group.operations);
    const documented = Object.values(restDocument().paths ?? {}).flatMap((item) => Object.keys(item as object));
    expect(all).toHaveLength(documented.length);
    expect(groups.map((group) => group.tag)).toEqual(expect.arrayContaining(["users", "accounts", "audit"]));
    expect(
      groups.find((group) => group.tag === "users")?.operations.every((each) => each.path.startsWith("/users")),
    ).toBe(true);
  });

  it("lists a list's query parameters and the X-Tenant header, and a curl with both headers", () => {
    const list = operation("GET", "/users");
    expect(list?.parameters).toContainEqual(
      expect.objectContaining({ name: "X-Tenant", where: "header", required: true }),
    );
    expect(list?.parameters).toContainEqual(
      expect.objectContaining({ name: "limit", where: "query", type: "integer" }),
    );
    expect(list?.curl).toContain('curl -X GET "http://voicereseller.localhost/api/v1/users"');
    expect(list?.curl).toContain('-H "Authorization: Bearer $TOKEN"');
    expect(list?.curl).toContain('-H "X-Tenant: bistro"');
  });

  it("lists a body's fields with their types and whether they are required, nested ones by their path", () => {
    const create = operation("POST", "/accounts");
    expect(create?.body).toContainEqual(expect.objectContaining({ name: "name", type: "string", required: true }));
    expect(create?.body).toContainEqual(
      expect.objectContaining({ name: "limits.maxIn", type: "integer", required: true }),
    );
    expect(create?.body).toContainEqual(expect.objectContaining({ name: "owner.email", required: false }));
    expect(create?.curl).toContain('-H "Content-Type: application/json"');
    const deactivate = operation("POST", "/users/{userId}/deactivate");
    expect(deactivate?.parameters).toContainEqual(expect.objectContaining({ name: "userId", where: "path" }));
    expect(deactivate?.curl).toContain("/users/<userId>/deactivate");
  });

  it("lists the responses, errors included", () => {
    const statuses = operation("GET", "/users")?.responses.map((response) => response.status);
    expect(statuses).toEqual(expect.arrayContaining(["200", "400", "401", "403", "429", "500"]));
  });
});
