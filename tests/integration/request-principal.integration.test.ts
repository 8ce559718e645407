/**
 * The one request resolver with each kind of credential: a browser session, a program's access
 * token, an API key. What each grants, what each refusal says (over HTTP, with its reason), and
 * that a key's actions are audited as the key.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { appRouter } from "@/server/api/root";
import { contextOfRequest } from "@/server/api/trpc";
import { issueAccessToken } from "@/server/auth/access-token";
import { KEY_SCOPES, type Role } from "@/server/auth/permissions";
import { startSession } from "@/server/auth/session-store";
import { trpcResponseMeta } from "@/server/http/trpc-response-meta";
import type { HostBrand, HostResolution } from "@/server/tenancy/host-resolver";
import {
  accessTokenFor,
  apiKeyFor,
  brandHostNamed,
  callerAs,
  callerFor,
  contextFor,
  resolveTestRequest,
  signedInSession,
  type TestRequest,
  trpcError,
} from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds, deleteMemberUser } from "@/tests/helpers/demo-data";

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

const ErrorBody = z.object({
  error: z.object({ json: z.object({ data: z.object({ httpStatus: z.number(), reason: z.string().nullable() }) }) }),
});

/**
 * A call over HTTP as `request`, as the route handler answers it: account.current unless a
 * mutation is given. The status and the error's reason, if any.
 */
async function overHttp(request: TestRequest, mutation?: { path: string; input: unknown }) {
  const req = mutation
    ? new Request(`http://voicereseller.localhost/api/trpc/${mutation.path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(superjson.serialize(mutation.input)),
      })
    : new Request("http://voicereseller.localhost/api/trpc/account.current");
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => contextFor(app, request),
  });
  const body: unknown = await response.json();
  const error = ErrorBody.safeParse(body);
  return { status: response.status, reason: error.success ? error.data.error.json.data.reason : null };
}

/** The reason a refused call gives, as clients read it. */
async function reasonOf(call: Promise<unknown>): Promise<{ code: string; reason: string | undefined }> {
  const error = await trpcError(call);
  return { code: error.code, reason: problemsOf(error)[0]?.reason };
}

/** A person of `accountId` made for one test, with the given role; removed with removePerson. */
async function makePerson(accountId: string, label: string, role: Role) {
  const user = await owner.user.create({
    data: { accountId, email: `${label}@principal.test`, name: `Principal ${label}`, role, passwordHash: "unused" },
  });
  return { accountId, userId: user.id, role };
}

async function removePerson(person: { accountId: string; userId: string }) {
  await owner.apiKey.deleteMany({ where: { accountId: person.accountId, createdByUserId: person.userId } });
  await deleteMemberUser(owner, { accountId: person.accountId, id: person.userId });
}

/** Everything a refused write could have left behind in the demo accounts. */
async function writesSoFar() {
  return { extensions: await owner.extension.count(), audit: await owner.auditEntry.count() };
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
    const session = await signedInSession(app, bistroOwner(), resellerHost);
    // Alone the cookie holds; beside a bad bearer credential it does not rescue the request.
    expect(await overHttp({ host: resellerHost, session })).toEqual({ status: 200, reason: null });
    expect(await overHttp({ host: resellerHost, session, bearer: "not-a-token", tenant: "bistro" })).toEqual({
      status: 401,
      reason: "token_invalid",
    });
    // Beside a good one, the request is the bearer's, not the cookie's.
    const clinic = ids["city-clinic"];
    const { token } = await accessTokenFor(
      app,
      { accountId: clinic.accountId, userId: clinic.ownerUserId },
      { id: clinic.accountId, slug: "city-clinic" },
    );
    const current = await callerFor(app, {
      host: resellerHost,
      session,
      bearer: token,
      tenant: "city-clinic",
    }).account.current();
    expect(current.account.id).toBe(clinic.accountId);
    expect(current.user?.id).toBe(clinic.ownerUserId);
  });
});

describe("the tRPC route's answer to a refused program", () => {
  /** account.current as the route handler runs it: resolved once, its headers from the resolution. */
  async function routeAnswer(request: TestRequest) {
    const resolved = await resolveTestRequest(app, request);
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://voicereseller.localhost/api/trpc/account.current"),
      router: appRouter,
      responseMeta: trpcResponseMeta(resolved),
      createContext: () => contextOfRequest(app, { ...resolved, origin: null }),
    });
  }

  it("carries the RFC 6750 challenge with the reason; a browser's refusal does not", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const refused = await routeAnswer({ host: resellerHost, bearer: token, tenant: "city-clinic" });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe(
      'Bearer error="invalid_token", error_description="tenant_mismatch"',
    );
    const held = await routeAnswer({ host: resellerHost, bearer: token, tenant: "bistro" });
    expect(held.status).toBe(200);
    expect(held.headers.get("www-authenticate")).toBeNull();
    const browser = await routeAnswer({ host: resellerHost });
    expect(browser.status).toBe(401);
    expect(browser.headers.get("www-authenticate")).toBeNull();
  });
});

describe("the Authorization header", () => {
  it("is refused with authorization_invalid when it is not `Bearer <credential>`", async () => {
    const session = await signedInSession(app, bistroOwner(), resellerHost);
    for (const authorization of ["Basic Ym9iOnNlY3JldA==", "Bearer", "Bearer ", "Bearer two words", "Token abc"]) {
      expect(
        await overHttp({ host: resellerHost, session, tenant: "bistro", headers: { authorization } }),
        authorization,
      ).toEqual({ status: 401, reason: "authorization_invalid" });
    }
  });
});

describe("what ends a credential", () => {
  it("a deactivated user's access tokens stop with user_inactive, and their sessions end", async () => {
    const person = await makePerson(ids.bistro.accountId, "deactivated", "admin");
    try {
      const { token } = await accessTokenFor(app, person, bistroTenant());
      const session = await signedInSession(app, person, resellerHost);
      expect(await overHttp({ host: resellerHost, bearer: token, tenant: "bistro" })).toEqual({
        status: 200,
        reason: null,
      });
      expect(await overHttp({ host: resellerHost, session })).toEqual({ status: 200, reason: null });

      await callerAs(app, bistroOwner(), { host: resellerHost }).users.deactivate({ userId: person.userId });

      expect(await overHttp({ host: resellerHost, bearer: token, tenant: "bistro" })).toEqual({
        status: 401,
        reason: "user_inactive",
      });
      expect(await overHttp({ host: resellerHost, session })).toEqual({ status: 401, reason: "session_ended" });
    } finally {
      await removePerson(person);
    }
  });

  it.each([
    { name: "a suspended account's tokens and keys stop with account_suspended", suspended: "bistro" },
    { name: "a suspended ancestor stops the tokens and keys of every account below it", suspended: "voicereseller" },
  ] as const)("$name", async ({ suspended }) => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read"],
    });
    await owner.account.update({ where: { id: ids[suspended].accountId }, data: { status: "suspended" } });
    try {
      for (const bearer of [token, key.key]) {
        expect(await overHttp({ host: resellerHost, bearer, tenant: "bistro" })).toEqual({
          status: 401,
          reason: "account_suspended",
        });
      }
    } finally {
      await owner.account.update({ where: { id: ids[suspended].accountId }, data: { status: "active" } });
    }
    // The key was never ended, only refused while the account was: it works again.
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "bistro" })).toEqual({
      status: 200,
      reason: null,
    });
  });

  it("a role change applies at the next request: a token minted for an owner demoted to member cannot write", async () => {
    const person = await makePerson(ids.bistro.accountId, "demoted", "owner");
    try {
      const { token } = await accessTokenFor(app, person, bistroTenant());
      const program = callerFor(app, { host: resellerHost, bearer: token, tenant: "bistro" });
      expect((await program.account.current()).user?.role).toBe("owner");
      await owner.user.update({
        where: { accountId_id: { accountId: person.accountId, id: person.userId } },
        data: { role: "member" },
      });
      // The token still says owner; the database says member, and the database wins.
      expect((await program.account.current()).user?.role).toBe("member");
      const before = await writesSoFar();
      expect(await reasonOf(program.extensions.create({ number: "4811", name: "Demoted" }))).toEqual({
        code: "FORBIDDEN",
        reason: "missing_permission",
      });
      expect(await writesSoFar()).toEqual(before);
    } finally {
      await removePerson(person);
    }
  });

  it("a revoked key stops at once, on the very next request", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read"],
    });
    const program = callerFor(app, { host: resellerHost, bearer: key.key, tenant: "bistro" });
    expect((await program.account.current()).apiKey?.id).toBe(key.id);
    await owner.apiKey.update({
      where: { accountId_id: { accountId: ids.bistro.accountId, id: key.id } },
      data: { revokedAt: new Date(), revokedByUserId: ids.bistro.ownerUserId },
    });
    expect(await reasonOf(program.account.current())).toEqual({ code: "UNAUTHORIZED", reason: "key_revoked" });
  });
});

describe("an API key's reach", () => {
  it("never acts for another account, not even one below its own", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.voicereseller.accountId,
      createdByUserId: ids.voicereseller.ownerUserId,
      scopes: KEY_SCOPES,
    });
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "voicereseller" })).toEqual({
      status: 200,
      reason: null,
    });
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "tenant_mismatch",
    });
  });

  it("is refused on a host its account's people are not served on", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read"],
    });
    const platform: HostResolution = { kind: "platform", hostname: "localhost" };
    expect(await overHttp({ host: platform, bearer: key.key, tenant: "bistro" })).toEqual({
      status: 401,
      reason: "wrong_host",
    });
  });
});

describe("a refused program request executes nothing", () => {
  const create = (number: string) => ({ path: "extensions.create", input: { number, name: "Should not exist" } });

  it("a token of one tenant sent with X-Tenant of another: 401 tenant_mismatch, no row, no audit entry", async () => {
    const { token } = await accessTokenFor(app, bistroOwner(), bistroTenant());
    const before = await writesSoFar();
    expect(await overHttp({ host: resellerHost, bearer: token, tenant: "city-clinic" }, create("4821"))).toEqual({
      status: 401,
      reason: "tenant_mismatch",
    });
    expect(await writesSoFar()).toEqual(before);
  });

  it("a key sent with X-Tenant of another account: the same", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: KEY_SCOPES,
    });
    const before = await writesSoFar();
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "city-clinic" }, create("4822"))).toEqual({
      status: 401,
      reason: "tenant_mismatch",
    });
    expect(await writesSoFar()).toEqual(before);
  });

  it("a read-only key cannot write: 403 missing_permission, no row, no audit entry", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: KEY_SCOPES.filter((scope) => scope.endsWith(":read")),
    });
    const before = await writesSoFar();
    expect(await overHttp({ host: resellerHost, bearer: key.key, tenant: "bistro" }, create("4823"))).toEqual({
      status: 403,
      reason: "missing_permission",
    });
    expect(await writesSoFar()).toEqual(before);
  });

  it("a token whose tenant slug and tenant id disagree is refused rather than run as either", async () => {
    // Only the portal can sign one; it must still never run as an account X-Tenant did not name.
    const { accountId, ownerUserId } = ids.bistro;
    const { token } = await issueAccessToken({
      userId: ownerUserId,
      accountId,
      sessionId: await startSession(app, { accountId, userId: ownerUserId }),
      role: "owner",
      tenant: { id: accountId, slug: "city-clinic" },
    });
    const before = await writesSoFar();
    expect(await overHttp({ host: resellerHost, bearer: token, tenant: "city-clinic" }, create("4824"))).toEqual({
      status: 401,
      reason: "tenant_mismatch",
    });
    expect(await writesSoFar()).toEqual(before);
  });
});

describe("the client address", () => {
  it("is the resolver's, in audit entries and in a key's last use", async () => {
    const key = await apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["extensions:write"],
    });
    const ip = "203.0.113.77";
    const created = await callerFor(app, {
      host: resellerHost,
      bearer: key.key,
      tenant: "bistro",
      ip,
      // What the resolver derived (here the test's socket address) is what is recorded, never a
      // header the client wrote; how the address is derived is tested in middleware.integration.
      headers: { "x-forwarded-for": "198.51.100.1" },
    }).extensions.create({ number: "4831", name: "Addressed" });
    try {
      const entry = await owner.auditEntry.findFirstOrThrow({
        where: { accountId: ids.bistro.accountId, action: "extension.created", actorKeyId: key.id },
      });
      expect(entry.ip).toBe(ip);
      const used = await owner.apiKey.findUniqueOrThrow({
        where: { accountId_id: { accountId: ids.bistro.accountId, id: key.id } },
      });
      expect(used.lastUsedIp).toBe(ip);
      expect(used.lastUsedAt).not.toBeNull();
    } finally {
      await owner.auditEntry.deleteMany({ where: { actorKeyId: key.id } });
      await owner.extension.delete({ where: { accountId_id: { accountId: ids.bistro.accountId, id: created.id } } });
    }
  });
});

describe("an act-as token", () => {
  const reseller = () => ({ accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId });
  /** The `act` claim of a token VoiceReseller's `userId` obtained by act-as. */
  const actedBy = (userId: string) => ({ userId, tenantSlug: "voicereseller" });

  it("lets a reseller's owner act for an account below, audited with both identities", async () => {
    const { token } = await accessTokenFor(app, reseller(), bistroTenant(), {
      act: actedBy(ids.voicereseller.ownerUserId),
    });
    const program = callerFor(app, { host: resellerHost, bearer: token, tenant: "bistro" });
    const current = await program.account.current();
    expect(current.account.id).toBe(ids.bistro.accountId);
    expect(current.user?.id).toBe(ids.voicereseller.ownerUserId);
    const created = await program.extensions.create({ number: "4841", name: "Made for Bistro" });
    try {
      const entry = await owner.auditEntry.findFirstOrThrow({
        where: {
          accountId: ids.bistro.accountId,
          action: "extension.created",
          details: { path: ["after", "id"], equals: created.id },
        },
      });
      expect(entry).toMatchObject({
        actorUserId: ids.voicereseller.ownerUserId,
        actorKeyId: null,
        actorAccountId: ids.voicereseller.accountId,
        actingAccountId: ids.bistro.accountId,
        targetAccountId: ids.bistro.accountId,
      });
    } finally {
      await owner.auditEntry.deleteMany({
        where: { action: "extension.created", details: { path: ["after", "id"], equals: created.id } },
      });
      await owner.extension.delete({ where: { accountId_id: { accountId: ids.bistro.accountId, id: created.id } } });
    }
  });

  it("is refused with tenant_unavailable for a sibling or an account outside the tree", async () => {
    const sibling = await accessTokenFor(
      app,
      bistroOwner(),
      { id: ids["city-clinic"].accountId, slug: "city-clinic" },
      { act: { userId: ids.bistro.ownerUserId, tenantSlug: "bistro" } },
    );
    expect(await overHttp({ host: resellerHost, bearer: sibling.token, tenant: "city-clinic" })).toEqual({
      status: 401,
      reason: "tenant_unavailable",
    });
    const outside = await accessTokenFor(
      app,
      reseller(),
      { id: ids.acme.accountId, slug: "acme" },
      { act: actedBy(ids.voicereseller.ownerUserId) },
    );
    expect(await overHttp({ host: resellerHost, bearer: outside.token, tenant: "acme" })).toEqual({
      status: 401,
      reason: "tenant_unavailable",
    });
  });

  it("is refused with tenant_unavailable to a role that may not open accounts", async () => {
    const member = await makePerson(ids.voicereseller.accountId, "act-as-member", "member");
    try {
      const { token } = await accessTokenFor(app, member, bistroTenant(), {
        act: actedBy(member.userId),
      });
      expect(await overHttp({ host: resellerHost, bearer: token, tenant: "bistro" })).toEqual({
        status: 401,
        reason: "tenant_unavailable",
      });
    } finally {
      await removePerson(member);
    }
  });

  it("is the program's way to act for another account: openAs.start refuses programs", async () => {
    const { token } = await accessTokenFor(app, reseller(), { id: ids.voicereseller.accountId, slug: "voicereseller" });
    const program = callerFor(app, { host: resellerHost, bearer: token, tenant: "voicereseller" });
    expect(await reasonOf(program.openAs.start({ accountId: ids.bistro.accountId }))).toEqual({
      code: "FORBIDDEN",
      reason: "browser_only",
    });
  });
});
