/**
 * The one request resolver with each kind of credential: a browser session, a program's access
 * token, an API key. What each grants, what each refusal says (over HTTP, with its reason), and
 * that a key's actions are audited as the key.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { appRouter } from "@/server/api/root";
import type { HostResolution } from "@/server/tenancy/host-resolver";
import {
  accessTokenFor,
  apiKeyFor,
  brandHostNamed,
  callerFor,
  contextFor,
  type TestRequest,
  trpcError,
} from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let app: PrismaClient;
let owner: PrismaClient;
let ids: DemoIds;
let resellerHost: HostResolution;

beforeAll(async () => {
  ({ app, owner, ids } = await connectDemoDatabase());
  resellerHost = await brandHostNamed(app, "voicereseller.localhost");
});

afterAll(async () => {
  await Promise.all([app?.$disconnect(), owner?.$disconnect()]);
});

const ErrorBody = z.object({
  error: z.object({ json: z.object({ data: z.object({ httpStatus: z.number(), reason: z.string().nullable() }) }) }),
});

/** account.current over HTTP as `request`: the status and the error's reason, if any. */
async function overHttp(request: TestRequest) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request("http://voicereseller.localhost/api/trpc/account.current"),
    router: appRouter,
    createContext: () => contextFor(app, request),
  });
  const body: unknown = await response.json();
  const error = ErrorBody.safeParse(body);
  return { status: response.status, reason: error.success ? error.data.error.json.data.reason : null };
}

const bistroOwner = () => ({ accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });
const bistroTenant = () => ({ id: ids.bistro.accountId, slug: "bistro" });

describe("an access token", () => {
  it("acts as its user for its tenant when X-Tenant names that tenant", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const current = await callerFor(app, { host: resellerHost, bearer: token, tenant: "bistro" }).account.current();
    expect(current.account.id).toBe(ids.bistro.accountId);
    expect(current.user?.id).toBe(ids.bistro.ownerUserId);
    expect(current.apiKey).toBeNull();
  });

  it("is refused with 401 and a reason when X-Tenant is missing or names another tenant", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    expect(await overHttp({ host: resellerHost, bearer: token, tenant: "city-clinic" })).toEqual({
      status: 401,
      reason: "tenant_mismatch",
    });
    expect(await overHttp({ host: resellerHost, bearer: token })).toEqual({ status: 401, reason: "tenant_missing" });
  });

  it("is refused when expired, tampered with, or not a token at all", async () => {
    const { token: expired } = await accessTokenFor(app, bistroOwner(), bistroTenant(), { lifetimeSeconds: -1 });
    expect(await overHttp({ host: resellerHost, bearer: expired, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "token_expired",
    });
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, tenant: "city-clinic" })).toString("base64url");
    for (const bearer of [`${header}.${forged}.${signature}`, "not-a-token"]) {
      expect(await overHttp({ host: resellerHost, bearer, tenant: "bistro" })).toEqual({
        status: 401,
        reason: "token_invalid",
      });
    }
  });

  it("stops when its family ends, and says why", async () => {
    const { token, sessionId } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    await owner.userSession.delete({ where: { accountId_id: { accountId: ids.bistro.accountId, id: sessionId } } });
    expect(await overHttp({ host: resellerHost, bearer: token, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "session_ended",
    });
  });

  it("is refused on a host its account's users are not served on", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const platform: HostResolution = { kind: "platform", hostname: "localhost" };
    expect(await overHttp({ host: platform, bearer: token, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "wrong_host",
    });
  });
});

describe("an API key", () => {
  it("does what its scopes allow and no more, and its writes are audited as the key", async () => {
    const readOnly = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read", "extensions:read"],
      name: "read-only reporter",
    });
    const reader = callerFor(app, { host: resellerHost, bearer: readOnly.key, tenant: "bistro" });
    const current = await reader.account.current();
    expect(current.user).toBeNull();
    expect(current.apiKey).toEqual({ id: readOnly.id, name: "read-only reporter" });
    const refused = await trpcError(reader.extensions.create({ number: "4801", name: "Key test" }));
    expect(refused.code).toBe("FORBIDDEN");

    const writer = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["extensions:write"],
      name: "provisioning",
    });
    const created = await callerFor(app, {
      host: resellerHost,
      bearer: writer.key,
      tenant: "bistro",
    }).extensions.create({ number: "4802", name: "Made by a key" });
    const entry = await owner.auditEntry.findFirstOrThrow({
      where: { accountId: ids.bistro.accountId, action: "extension.created", actorKeyId: writer.id },
    });
    expect(entry).toMatchObject({
      actorUserId: null,
      actorKeyName: "provisioning",
      actorAccountId: ids.bistro.accountId,
    });
    await owner.auditEntry.deleteMany({ where: { actorKeyId: writer.id } });
    await owner.extension.delete({ where: { accountId_id: { accountId: ids.bistro.accountId, id: created.id } } });
  });

  it("is refused with its reason: unknown, revoked, expired, or for another tenant", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read"],
    });
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "city-clinic" })).toEqual({
      status: 401,
      reason: "tenant_mismatch",
    });
    const unknown = `${key.key.slice(0, -4)}XXXX`;
    expect(await overHttp({ host: resellerHost, bearer: unknown, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "key_invalid",
    });
    await owner.apiKey.update({
      where: { accountId_id: { accountId: ids.bistro.accountId, id: key.id } },
      data: { revokedAt: new Date(), revokedByUserId: ids.bistro.ownerUserId },
    });
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "key_revoked",
    });
    const expired = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read"],
    });
    await owner.$executeRaw`UPDATE api_keys SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
                             WHERE account_id = ${ids.bistro.accountId}::uuid AND id = ${expired.id}::uuid`;
    expect(await overHttp({ host: resellerHost, bearer: expired.key, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "key_expired",
    });
  });
});

describe("a browser session", () => {
  it("is not read at all when a bearer credential is present", async () => {
    expect(await overHttp({ host: resellerHost, bearer: "not-a-token", tenant: "bistro" })).toEqual({
      status: 401,
      reason: "token_invalid",
    });
  });
});
