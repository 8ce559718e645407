/**
 * The OpenAPI document of the REST face, generated from the procedures' own `meta.openapi`,
 * input and output schemas (trpc-to-openapi), then completed with what every operation shares
 * and the generator does not know: the X-Tenant header, and THE error body
 * (server/http/error-body.ts) in place of the generator's own error shapes.
 */
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "../root";

/** Where the REST face is served; the document's server URL is this path, relative to the portal. */
export const REST_BASE_PATH = "/api/v1";
export const REST_API_VERSION = "1.0.0";
export const BEARER_SCHEME = "bearer";

type Components = NonNullable<OpenAPIObject["components"]>;
type Schema = NonNullable<Components["schemas"]>[string];
type Parameter = NonNullable<Components["parameters"]>[string];
type ResponseObject = NonNullable<Components["responses"]>[string];

const TENANT_PARAMETER: Parameter = {
  name: "X-Tenant",
  in: "header",
  required: true,
  description: "The slug of the account the credential is for (the token's tenant, or the key's account).",
  schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$" },
};

const PROBLEM_SCHEMA: Schema = {
  type: "object",
  required: ["reason", "field", "message"],
  properties: {
    reason: { type: "string", description: "Stable snake_case code to branch on." },
    field: { type: ["string", "null"], description: "The input path the problem concerns, joined with dots." },
    message: { type: "string", description: "A sentence for a person; never matched by clients." },
  },
};

const ERROR_BODY_SCHEMA: Schema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "reason", "field", "message", "problems", "requestId"],
      properties: {
        code: { type: "string", description: "The HTTP-level code: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, ..." },
        reason: {
          type: "string",
          description: "The first problem's reason (tenant_mismatch, missing_permission, ...).",
        },
        field: { type: ["string", "null"], description: "The first problem's field, for bad input." },
        message: { type: "string" },
        problems: { type: "array", items: { $ref: "#/components/schemas/Problem" } },
        requestId: { type: "string", description: "Quote it when reporting an unexpected error." },
      },
    },
  },
};

const ERROR_RESPONSE: ResponseObject = {
  description: "The error body: a stable code and reason, and the field for bad input.",
  content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
};

const RETRY_AFTER_RESPONSE: ResponseObject = {
  ...ERROR_RESPONSE,
  description: "Over a limit: wait the seconds Retry-After says.",
  headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
};

type Operation = {
  security?: unknown[];
  parameters?: unknown[];
  responses?: Record<string, unknown>;
};

/** The generator's document, completed in place: X-Tenant and the one error body on every protected operation. */
function complete(document: OpenAPIObject): OpenAPIObject {
  const generatorSchemas = new Set<string>();
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, Operation>)) {
      if (operation.security && operation.security.length > 0) {
        operation.parameters = [{ $ref: "#/components/parameters/XTenant" }, ...(operation.parameters ?? [])];
      }
      const responses = operation.responses ?? {};
      for (const status of Object.keys(responses)) {
        if (Number(status) < 400) continue;
        const ref = JSON.stringify(responses[status]).match(/#\/components\/schemas\/(error\.[A-Z_]+)/);
        if (ref?.[1]) generatorSchemas.add(ref[1]);
        responses[status] = ERROR_RESPONSE;
      }
      responses["429"] = RETRY_AFTER_RESPONSE;
      operation.responses = responses;
    }
  }
  const schemas = { ...(document.components?.schemas ?? {}) };
  for (const name of generatorSchemas) delete schemas[name];
  return {
    ...document,
    components: {
      ...document.components,
      schemas: { ...schemas, Problem: PROBLEM_SCHEMA, ErrorBody: ERROR_BODY_SCHEMA },
      parameters: { ...(document.components?.parameters ?? {}), XTenant: TENANT_PARAMETER },
    },
  };
}

function generate(): OpenAPIObject {
  return complete(
    generateOpenApiDocument(appRouter, {
      title: "Reseller portal REST API",
      description:
        "The portal's procedures for programs in any language. Every request carries `Authorization: Bearer <access token or API key>` and `X-Tenant: <account slug>`. Errors answer one body: `{ error: { code, reason, field, message, problems, requestId } }`.",
      version: REST_API_VERSION,
      baseUrl: REST_BASE_PATH,
      securitySchemes: {
        [BEARER_SCHEME]: {
          type: "http",
          scheme: "bearer",
          description: "An access token from POST /api/auth/login, or an API key (vrk_...).",
        },
      },
    }),
  );
}

let cached: OpenAPIObject | undefined;

/** The document, generated once per server process (the procedures do not change while it runs). */
export function restDocument(): OpenAPIObject {
  cached ??= generate();
  return cached;
}
