/**
 * The REST face (/api/v1) with real Requests through its handler: the same procedures as tRPC,
 * the same resolver (Bearer + X-Tenant), THE error body, and the OpenAPI document.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { restDocument } from "@/server/api/rest/document";
import { handleRestRequest } from "@/server/api/rest/handler";
import { SESSION_COOKIE } from "@/server/auth/session";
import { sessionCookie } from "@/server/auth/session-cookie";
import { poolReader } from "@/server/db/sql-reader";
import { resolveRequest } from "@/server/http/resolve-request";
import type { HostBrand } from "@/server/tenancy/host-resolver";
import { accessTokenFor, apiKeyFor, brandHostNamed, signedInSession } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let app: PrismaClient;
let owner: PrismaClient;
let ids: DemoIds;
let resellerHost: HostBrand;

beforeAll(async () => {
  ({ app, owner, ids } = await connectDemoDatabase());
  resellerHost = await brandHostNamed(app, "voicereseller.localhost");
});

afterAll(async () => {
  await Promise.all([app?.$disconnect(), owner?.$disconnect()]);
});

const bistroOwner = () => ({ accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });
const bistroTenant = () => ({ id: ids.bistro.accountId, slug: "bistro" });

/** A request to the REST face as a program sends it, resolved by the one resolver against the test database. */
async function rest(
  method: string,
  path: string,
  options: { bearer?: string; tenant?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers = new Headers({ host: "voicereseller.localhost", ...options.headers });
  if (options.bearer) headers.set("authorization", `Bearer ${options.bearer}`);
  if (options.tenant) headers.set("x-tenant", options.tenant);
  if (options.body !== undefined || options.raw !== undefined) headers.set("content-type", "application/json");
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(`http://voicereseller.localhost/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const response = await handleRestRequest(request, {
    db: app,
    resolve: (parts) =>
      resolveRequest(parts, { read: poolReader(app), resolveHost: async () => resellerHost, clientIp: () => null }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    reason: z.string(),
    field: z.string().nullable(),
    message: z.string(),
    problems: z.array(z.object({ reason: z.string(), field: z.string().nullable(), message: z.string() })).min(1),
    requestId: z.string().min(1),
  }),
});

function errorOf(body: unknown) {
  return ErrorBody.strict().parse(body).error;
}

describe("the REST face with an access token", () => {
  it("lists the tenant's people at GET /api/v1/users, dates as ISO strings", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const { status, body } = await rest("GET", "/users?limit=10", { bearer: token, tenant: "bistro" });
    expect(status).toBe(200);
    const page = z
      .object({ items: z.array(z.object({ id: z.string(), accountId: z.string(), createdAt: z.iso.datetime() })) })
      .parse(body);
    expect(page.items.map((user) => user.id)).toContain(ids.bistro.ownerUserId);
    expect(new Set(page.items.map((user) => user.accountId))).toEqual(new Set([ids.bistro.accountId]));
  });

  it("answers GET /api/v1/account with the tenant the token names", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const { status, body } = await rest("GET", "/account", { bearer: token, tenant: "bistro" });
    expect(status).toBe(200);
    expect(z.object({ account: z.object({ id: z.string() }) }).parse(body).account.id).toBe(ids.bistro.accountId);
  });

  it("refuses another tenant in X-Tenant with 401 tenant_mismatch, and runs nothing", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const { status, headers, body } = await rest("POST", "/extensions", {
      bearer: token,
      tenant: "city-clinic",
      body: { number: "4901", name: "Never made" },
    });
    expect(status).toBe(401);
    expect(errorOf(body)).toMatchObject({ code: "UNAUTHORIZED", reason: "tenant_mismatch", field: null });
    expect(headers.get("www-authenticate")).toContain("tenant_mismatch");
    const made = await owner.extension.count({ where: { number: "4901" } });
    expect(made).toBe(0);
  });

  it("answers bad input with 400, the reason and the field", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const query = await rest("GET", "/users?limit=0", { bearer: token, tenant: "bistro" });
    expect(query.status).toBe(400);
    expect(errorOf(query.body)).toMatchObject({ code: "BAD_REQUEST", reason: "too_small", field: "limit" });

    const body = await rest("POST", "/extensions", { bearer: token, tenant: "bistro", body: { name: "No number" } });
    expect(body.status).toBe(400);
    expect(errorOf(body.body)).toMatchObject({ code: "BAD_REQUEST", field: "number" });

    const notJson = await rest("POST", "/extensions", { bearer: token, tenant: "bistro", raw: "{not json" });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson.body)).toMatchObject({ code: "BAD_REQUEST", reason: "invalid_json" });
  });

  it("answers an unknown path with 404 in the same body", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const { status, body } = await rest("GET", "/no-such-thing", { bearer: token, tenant: "bistro" });
    expect(status).toBe(404);
    expect(errorOf(body).code).toBe("NOT_FOUND");
  });

  it("takes a path parameter and a body, and a body-less POST as {}", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const invited = await rest("POST", "/users", {
      bearer: token,
      tenant: "bistro",
      body: { email: "rest.invitee@bistro.example", name: "Rest Invitee", role: "member" },
    });
    expect(invited.status).toBe(200);
    const { id } = z.object({ id: z.string() }).parse(invited.body);
    const renamed = await rest("PATCH", `/users/${id}`, { bearer: token, tenant: "bistro", body: { name: "Renamed" } });
    expect(z.object({ name: z.string() }).parse(renamed.body).name).toBe("Renamed");
    const deactivated = await rest("POST", `/users/${id}/deactivate`, { bearer: token, tenant: "bistro" });
    expect(deactivated.status).toBe(200);
    expect(z.object({ status: z.string() }).parse(deactivated.body).status).toBe("deactivated");
  });
});

describe("a top-up over REST", () => {
  it("takes its idempotency key from the Idempotency-Key header, and credits once", async () => {
    const { token } = await accessTokenFor(
      app,
      { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
      { id: ids.voicereseller.accountId, slug: "voicereseller" },
    );
    const key = `rest-${crypto.randomUUID()}`;
    const body = { accountId: ids.bistro.accountId, amountMinor: 150, reason: "Paid by bank transfer" };
    const send = (headers: Record<string, string>, extra: object = {}) =>
      rest("POST", "/billing/top-ups", {
        bearer: token,
        tenant: "voicereseller",
        body: { ...body, ...extra },
        headers,
      });
    const first = await send({ "idempotency-key": key });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: "top_up", amountMinor: 150, replayed: false });
    const again = await send({ "idempotency-key": key });
    expect(again.body).toMatchObject({ id: (first.body as { id: string }).id, replayed: true });
    const entries = await owner.ledgerEntry.count({ where: { id: (first.body as { id: string }).id } });
    expect(entries).toBe(1);

    const missing = await send({});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { reason: "idempotency_key_required", field: "idempotencyKey" } });
    const mismatch = await send({ "idempotency-key": key }, { idempotencyKey: "another-key" });
    expect(mismatch.body).toMatchObject({ error: { reason: "idempotency_key_mismatch" } });
    const reused = await send({ "idempotency-key": key }, { amountMinor: 151 });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: { reason: "idempotency_key_reused" } });
  });
});

describe("a low-balance alert over REST", () => {
  it("is set with PUT, shown on the wallet, turned off with null, and a bad amount is named", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const put = (thresholdMinor: unknown) =>
      rest("PUT", "/billing/alert-threshold", { bearer: token, tenant: "bistro", body: { thresholdMinor } });
    const set = await put(2500);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ accountId: ids.bistro.accountId, alertThresholdMinor: 2500 });
    const wallet = await rest("GET", "/billing/wallet", { bearer: token, tenant: "bistro" });
    expect(wallet.body).toMatchObject({ alertThresholdMinor: 2500 });
    const bad = await put("25.00");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { field: "thresholdMinor" } });
    const off = await put(null);
    expect(off.body).toMatchObject({ alertThresholdMinor: null, belowAlertThreshold: false });
    expect(await owner.lowBalanceThreshold.count({ where: { accountId: ids.bistro.accountId } })).toBe(0);
  });
});

describe("the REST face with an API key", () => {
  it("reads with a read-only key, and refuses its POST with 403 missing_permission", async () => {
    const readOnly = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["extensions:read", "users:read"],
      name: "rest reader",
    });
    const listed = await rest("GET", "/extensions?limit=5", { bearer: readOnly.key, tenant: "bistro" });
    expect(listed.status).toBe(200);
    const refused = await rest("POST", "/extensions", {
      bearer: readOnly.key,
      tenant: "bistro",
      body: { number: "4902", name: "Never made" },
    });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body)).toMatchObject({ code: "FORBIDDEN", reason: "missing_permission" });
    expect(await owner.extension.count({ where: { accountId: ids.bistro.accountId, number: "4902" } })).toBe(0);
  });
});

describe("the REST face is for programs", () => {
  it("does not read the session cookie: a browser's cookie alone is unauthenticated", async () => {
    const session = await signedInSession(app, bistroOwner(), resellerHost);
    const cookie = await sessionCookie(session, { email: "", name: "" });
    const { status, body } = await rest("GET", "/users", {
      headers: { cookie: `${SESSION_COOKIE}=${cookie.value}`, origin: "http://voicereseller.localhost" },
    });
    expect(status).toBe(401);
    expect(errorOf(body).reason).toBe("unauthenticated");
  });
});

describe("GET /api/v1/openapi.json", () => {
  const Document = z.object({
    openapi: z.string().regex(/^3\.\d+\.\d+$/),
    info: z.object({ title: z.string(), version: z.string() }),
    servers: z.array(z.object({ url: z.literal("/api/v1") })),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.object({
      securitySchemes: z.record(z.string(), z.object({ type: z.literal("http"), scheme: z.literal("bearer") })),
      parameters: z.object({ XTenant: z.object({ in: z.literal("header"), name: z.literal("X-Tenant") }) }),
      schemas: z.object({ ErrorBody: z.unknown() }).catchall(z.unknown()),
    }),
  });
  const Operation = z.object({
    security: z.array(z.record(z.string(), z.array(z.string()))).min(1),
    parameters: z.array(z.unknown()),
    responses: z.record(z.string(), z.unknown()),
  });

  it("is an OpenAPI 3 document of the published paths; every operation needs the bearer and X-Tenant", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const document = Document.parse(await GET().json());
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/users", "/users/{userId}", "/account", "/accounts", "/audit-entries"]),
    );
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(item)) {
        const operation = Operation.parse(raw);
        expect(operation.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
        expect(operation.parameters, `${method} ${path}`).toContainEqual({ $ref: "#/components/parameters/XTenant" });
        for (const status of ["400", "401", "403", "429", "500"]) {
          expect(operation.responses[status], `${method} ${path} ${status}`).toMatchObject({
            content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorBody" } } },
          });
        }
      }
    }
  });

  it("is generated once and kept", () => {
    expect(restDocument()).toBe(restDocument());
  });
});
