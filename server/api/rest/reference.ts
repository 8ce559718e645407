/**
 * The REST reference page's content, read from the OpenAPI document (server/api/rest/document.ts)
 * and nothing else: operations grouped by tag, each with its parameters, body fields, responses
 * and a curl example with the two headers every request carries.
 */
import type { OpenAPIObject } from "trpc-to-openapi";

export type ReferenceField = { name: string; where: string; type: string; required: boolean; description: string };
export type ReferenceOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  parameters: ReferenceField[];
  body: ReferenceField[];
  responses: { status: string; description: string }[];
  curl: string;
};
export type ReferenceGroup = { tag: string; operations: ReferenceOperation[] };

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
};
type Parameter = {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
};
type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
};

const METHOD_ORDER = ["get", "post", "put", "patch", "delete"];
/** How deep body fields are listed (`changes.brandName`); deeper ones show as their object. */
const MAX_FIELD_DEPTH = 2;

/** A schema in a few words: `string (uuid)`, `integer`, `"active" | "suspended"`, `array of object`, `… or null`. */
export function typeOf(schema: JsonSchema | undefined): string {
  if (!schema) return "any";
  if (schema.$ref) return schema.$ref.split("/").at(-1) ?? "object";
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return [...new Set(variants.map(typeOf))].join(" or ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const words = types.map((type) => {
    if (type === "array") return `array of ${typeOf(schema.items)}`;
    if (type === "string" && schema.format) return `string (${schema.format})`;
    return type;
  });
  return words.length > 0 ? words.join(" or ") : "any";
}

function fieldsOf(
  schema: JsonSchema | undefined,
  prefix: string,
  depth: number,
  parentRequired: boolean,
): ReferenceField[] {
  if (!schema?.properties) return [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).flatMap(([name, property]) => {
    const field: ReferenceField = {
      name: `${prefix}${name}`,
      where: "body",
      type: typeOf(property),
      required: parentRequired && required.has(name),
      description: property.description ?? "",
    };
    const nested = depth < MAX_FIELD_DEPTH ? fieldsOf(property, `${field.name}.`, depth + 1, field.required) : [];
    return [field, ...nested];
  });
}

function resolveParameter(document: OpenAPIObject, parameter: Parameter): Parameter {
  if (!parameter.$ref) return parameter;
  const name = parameter.$ref.split("/").at(-1) ?? "";
  return (document.components?.parameters?.[name] as Parameter | undefined) ?? parameter;
}

/** A curl command for the operation: its path with placeholders, the two headers, the required body fields. */
function curlOf(method: string, path: string, body: ReferenceField[], tenant: string, base: string) {
  const example = path.replace(/\{(\w+)\}/g, (_, name: string) => `<${name}>`);
  const lines = [
    `curl -X ${method.toUpperCase()} "${base}${example}"`,
    `  -H "Authorization: Bearer $TOKEN"`,
    `  -H "X-Tenant: ${tenant}"`,
  ];
  const topLevel = body.filter((field) => field.required && !field.name.includes("."));
  if (body.length > 0) {
    const sample = Object.fromEntries(topLevel.map((field) => [field.name, `<${field.type}>`]));
    lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(sample)}'`);
  }
  return lines.join(" \\\n");
}

/**
 * The document as the reference page shows it: one group per tag in the order tags first appear,
 * operations by path then method. `tenant` and `base` (the portal's origin and /api/v1) fill the
 * curl examples.
 */
export function referenceOf(document: OpenAPIObject, options: { tenant: string; base: string }): ReferenceGroup[] {
  const groups = new Map<string, ReferenceOperation[]>();
  const paths = Object.entries(document.paths ?? {}).sort(([a], [b]) => a.localeCompare(b));
  for (const [path, item] of paths) {
    const operations = Object.entries(item as Record<string, Operation>).sort(
      ([a], [b]) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b),
    );
    for (const [method, operation] of operations) {
      const parameters = (operation.parameters ?? []).map((raw) => {
        const parameter = resolveParameter(document, raw);
        return {
          name: parameter.name ?? "",
          where: parameter.in ?? "",
          type: typeOf(parameter.schema),
          required: parameter.required === true,
          description: parameter.description ?? "",
        };
      });
      const body = fieldsOf(operation.requestBody?.content?.["application/json"]?.schema, "", 1, true);
      const tag = operation.tags?.[0] ?? "other";
      const entry: ReferenceOperation = {
        id: operation.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        parameters,
        body,
        responses: Object.entries(operation.responses ?? {}).map(([status, response]) => ({
          status,
          description: response.description ?? "",
        })),
        curl: curlOf(method, path, body, options.tenant, options.base),
      };
      groups.set(tag, [...(groups.get(tag) ?? []), entry]);
    }
  }
  return [...groups].map(([tag, operations]) => ({ tag, operations }));
}
