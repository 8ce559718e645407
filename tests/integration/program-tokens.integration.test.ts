/**
 * Programs log in, refresh, log out and act for an account below, through the endpoints the
 * route files under app/api/auth/ call (server/auth/program-endpoints.ts), with real Requests
 * against the real database: what each answers, what each revokes, and the limits in front of them.
 */

import { createHash } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { appRouter } from "@/server/api/root";
import { contextOfRequest } from "@/server/api/trpc";
import { keyUseLimits } from "@/server/auth/key-limits";
import { hashPassword } from "@/server/auth/password";
import { REFUSALS } from "@/server/auth/principal";
import {
  actAsEndpoint,
  type EndpointDeps,
  loginEndpoint,
  logoutEndpoint,
  refreshEndpoint,
} from "@/server/auth/program-endpoints";
import { createPrismaClient } from "@/server/db/client";
import { poolReader } from "@/server/db/sql-reader";
import { resolveRequest } from "@/server/http/resolve-request";
import { type CounterSpec, LIMITS } from "@/server/limits/registry";
import { retryAfterHeader } from "@/server/limits/retry-after-header";
import { logger } from "@/server/log";
import type { HostResolution } from "@/server/tenancy/host-resolver";
import { apiKeyFor, brandHostNamed, callerFor, resolveTestRequest } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

// Every request here comes from a documentation address (198.51.100.0/24), so the audit rows this
// file causes can be found and removed.
const IP = "198.51.100.7";
const PLATFORM: HostResolution = { kind: "platform", hostname: "localhost" };
const PREFIX = "tokens-test-";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let password: string;
let resellerHost: HostResolution;
const createdUsers: { accountId: string; id: string }[] = [];

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  password = inject("demoPassword");
  resellerHost = await brandHostNamed(app, "voicereseller.localhost");
});

// The limits count in the database: each test starts with none on record.
beforeEach(async () => {
  await owner.$executeRaw`DELETE FROM limits.counters`;
});

afterAll(async () => {
  await owner.$executeRaw`DELETE FROM limits.counters`;
  await owner.department.deleteMany({ where: { name: { startsWith: PREFIX } } });
  // Keys are never deleted by the portal; these wrote no audit entry, so the test may remove them.
  await owner.apiKey.deleteMany({ where: { name: { startsWith: PREFIX } } });
  await owner.auditEntry.deleteMany({ where: { ip: { startsWith: "198.51.100." } } });
  for (const user of createdUsers) {
    await owner.auditEntry.deleteMany({ where: { actorUserId: user.id } });
    await owner.user.delete({ where: { accountId_id: user } });
  }
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

type Send = { host?: HostResolution; ip?: string; bearer?: string; tenant?: string; raw?: string };

/** The endpoint's deps as the route's, but with the test's host and address. */
function deps(host: HostResolution, ip: string): EndpointDeps {
  return {
    db: app,
    resolve: (request) =>
      resolveRequest(
        { headers: request.headers, cookie: () => undefined },
        { read: poolReader(app), resolveHost: async () => host, clientIp: () => ip },
      ),
  };
}

async function call(
  endpoint: (request: Request, deps: EndpointDeps) => Promise<Response>,
  path: string,
  body: unknown,
  send: Send = {},
) {
  const host = send.host ?? resellerHost;
  const headers = new Headers({ "content-type": "application/json" });
  if (send.bearer) headers.set("authorization", `Bearer ${send.bearer}`);
  if (send.tenant) headers.set("x-tenant", send.tenant);
  const request = new Request(`http://voicereseller.localhost/api/auth/${path}`, {
    method: "POST",
    headers,
    body: send.raw ?? JSON.stringify(body),
  });
  const response = await endpoint(request, deps(host, send.ip ?? IP));
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, body: json };
}

const Pair = z.object({
  accessToken: z.string(),
  tokenType: z.literal("Bearer"),
  expiresIn: z.number(),
  expiresAt: z.iso.datetime(),
  refreshToken: z.string().regex(/^vrt_[0-9A-Za-z]{48}$/),
  tenant: z.string(),
});
const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    reason: z.string(),
    field: z.string().nullable(),
    message: z.string(),
    problems: z.array(z.object({ reason: z.string() })),
    requestId: z.uuid(),
  }),
});

const login = (body: unknown, send?: Send) => call(loginEndpoint, "login", body, send);
const refresh = (refreshToken: string, send?: Send) => call(refreshEndpoint, "refresh", { refreshToken }, send);
const logout = (body: unknown, send?: Send) => call(logoutEndpoint, "logout", body, send);
const actAs = (tenant: string, send: Send) => call(actAsEndpoint, "act-as", { tenant }, send);

/** A successful login's token pair; fails the test otherwise. */
async function loggedIn(email: string, tenant: string, send?: Send) {
  const answer = await login({ email, password, tenant }, send);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return Pair.parse(answer.body);
}

/** The error's status and reason. */
function refusalOf(answer: { status: number; body: unknown }) {
  const { error } = ErrorBody.parse(answer.body);
  return { status: answer.status, reason: error.reason, field: error.field };
}

/** How the resolver answers a request with `token` as X-Tenant `tenant`: the principal's tenant or the refusal. */
async function resolveWith(token: string, tenant: string, host = resellerHost) {
  const resolved = await resolveTestRequest(app, { host, bearer: token, tenant, ip: IP });
  return resolved.principal ? { tenant: resolved.principal.tenant.slug } : { refused: resolved.refusal?.reason };
}

const sha256 = (text: string) => new Uint8Array(createHash("sha256").update(text).digest());

const resellerOwner = () => ({ email: ids.voicereseller.ownerEmail, tenant: "voicereseller" });

/** A user of `accountId` who can log in, with `role`. */
async function userWith(accountId: string, role: "owner" | "admin" | "manager" | "member", label: string) {
  const user = await owner.user.create({
    data: {
      accountId,
      email: `${PREFIX}${label}@tokens.test`,
      name: `Tokens ${label}`,
      role,
      passwordHash: await hashPassword(password),
    },
  });
  createdUsers.push({ accountId, id: user.id });
  return user;
}

describe("POST /api/auth/login", () => {
  it("answers an access token for the tenant and a refresh token, and the token works with X-Tenant", async () => {
    const pair = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    expect(pair.tenant).toBe("voicereseller");
    expect(pair.expiresIn).toBeGreaterThan(0);
    expect(pair.expiresIn).toBeLessThanOrEqual(900);
    const current = await callerFor(app, {
      host: resellerHost,
      bearer: pair.accessToken,
      tenant: "voicereseller",
    }).account.current();
    expect(current.account.id).toBe(ids.voicereseller.accountId);
    const [entry] = await owner.auditEntry.findMany({
      where: { accountId: ids.voicereseller.accountId, action: "auth.sign_in", ip: IP },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(entry?.details).toEqual({ host: "voicereseller.localhost", via: "token" });
    const family = await owner.userSession.findMany({
      where: { accountId: ids.voicereseller.accountId, kind: "program" },
    });
    expect(family.length).toBeGreaterThan(0);
  });

  it("answers a wrong password, a wrong tenant and a host the account is not served on the same way", async () => {
    const wrongPassword = await login({ ...resellerOwner(), password: "not the password" });
    const wrongTenant = await login({ email: ids.voicereseller.ownerEmail, password, tenant: "bistro" });
    // acme is platform-direct: its users log in on the platform's host, not on a reseller's brand.
    const wrongHost = await login({ email: ids.acme.ownerEmail, password, tenant: "acme" });
    for (const answer of [wrongPassword, wrongTenant, wrongHost]) {
      expect(refusalOf(answer)).toEqual({ status: 401, reason: "credentials_invalid", field: null });
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
    expect(ErrorBody.parse(wrongPassword.body).error.message).toBe(REFUSALS.credentials_invalid);
    // ...and the same account on its own host logs in.
    await loggedIn(ids.acme.ownerEmail, "acme", { host: PLATFORM });
  });

  it("refuses a body that is not JSON, and bad input with the field", async () => {
    expect(refusalOf(await login(null, { raw: "{not json" }))).toEqual({
      status: 400,
      reason: "invalid_json",
      field: null,
    });
    const noEmail = refusalOf(await login({ password, tenant: "voicereseller" }));
    expect(noEmail).toMatchObject({ status: 400, field: "email" });
    const badTenant = refusalOf(await login({ ...resellerOwner(), password, tenant: "Not A Slug" }));
    expect(badTenant).toMatchObject({ status: 400, field: "tenant" });
  });

  it("refuses a body larger than any login needs, without reading it whole", async () => {
    const huge = JSON.stringify({ email: "x@example.test", password: "p".repeat(20_000), tenant: "voicereseller" });
    expect(refusalOf(await login(null, { raw: huge }))).toEqual({
      status: 413,
      reason: "body_too_large",
      field: null,
    });
  });

  it("answers 404 on a host no account answers on", async () => {
    const answer = await login(
      { ...resellerOwner(), password },
      { host: { kind: "unknown", reason: "no account answers on this host" } },
    );
    expect(answer.status).toBe(404);
  });

  it("is throttled like the browser's sign-in: 429 with Retry-After", async () => {
    const attempts = LIMITS.signIn.perSourceAndAccount.points;
    for (let n = 0; n < attempts; n += 1) {
      expect((await login({ ...resellerOwner(), password: "guess" })).status).toBe(401);
    }
    const refused = await login({ ...resellerOwner(), password });
    expect(refusalOf(refused)).toEqual({ status: 429, reason: "rate_limited", field: null });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not held back.
    await loggedIn(ids.voicereseller.ownerEmail, "voicereseller", { ip: "198.51.100.8" });
  });
});

describe("POST /api/auth/refresh", () => {
  it("rotates: a new pair, and the old refresh token stops", async () => {
    const first = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    const rotated = await refresh(first.refreshToken);
    expect(rotated.status).toBe(200);
    const second = Pair.parse(rotated.body);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // Only hashes are stored; the used token names the one that replaced it.
    const stored = await owner.refreshToken.findMany({
      where: { tokenHash: { in: [first, second].map((pair) => sha256(pair.refreshToken)) } },
    });
    const [used, current] = [first, second].map((pair) =>
      stored.find((row) => Buffer.from(row.tokenHash).equals(sha256(pair.refreshToken))),
    );
    expect(used?.usedAt).not.toBeNull();
    expect(used?.replacedBy).toBe(current?.id);
    expect(current).toMatchObject({ usedAt: null, userId: ids.voicereseller.ownerUserId });
    expect(second.tenant).toBe("voicereseller");
    expect(await resolveWith(second.accessToken, "voicereseller")).toEqual({ tenant: "voicereseller" });
    const third = Pair.parse((await refresh(second.refreshToken)).body);
    expect(await resolveWith(third.accessToken, "voicereseller")).toEqual({ tenant: "voicereseller" });
  });

  it("revokes the whole family when a used refresh token comes back, and says so", async () => {
    const first = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    const second = Pair.parse((await refresh(first.refreshToken)).body);
    const reuse = await refresh(first.refreshToken);
    expect(refusalOf(reuse)).toEqual({ status: 401, reason: "refresh_reused", field: null });
    expect(ErrorBody.parse(reuse.body).error.message).toMatch(/revoked/);
    // Every token of the family stops at once: the old access token, the new one, the new refresh token.
    expect(await resolveWith(first.accessToken, "voicereseller")).toEqual({ refused: "session_ended" });
    expect(await resolveWith(second.accessToken, "voicereseller")).toEqual({ refused: "session_ended" });
    expect(refusalOf(await refresh(second.refreshToken))).toMatchObject({ status: 401, reason: "session_ended" });
    // Presented again, the used token says the same: there is no family left to revoke.
    expect(refusalOf(await refresh(first.refreshToken))).toMatchObject({ status: 401, reason: "session_ended" });
  });

  it("lets exactly one of two concurrent refreshes of one token rotate it", async () => {
    const first = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    const answers = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 401]);
    const loser = answers.find((answer) => answer.status === 401);
    expect(loser && refusalOf(loser).reason).toBe("refresh_reused");
    // The second one was a reuse: the family is gone, the winner's tokens with it.
    const winner = Pair.parse(answers.find((answer) => answer.status === 200)?.body);
    expect(await resolveWith(winner.accessToken, "voicereseller")).toEqual({ refused: "session_ended" });
  });

  it("refuses an unknown token and an expired one", async () => {
    expect(refusalOf(await refresh("vrt_unknown"))).toEqual({ status: 401, reason: "refresh_invalid", field: null });
    const pair = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    await owner.$executeRaw`
      UPDATE refresh_tokens SET created_at = now() - interval '2 days', expires_at = now() - interval '1 day'
       WHERE token_hash = sha256(convert_to(${pair.refreshToken}, 'UTF8'))`;
    expect(refusalOf(await refresh(pair.refreshToken))).toEqual({
      status: 401,
      reason: "refresh_expired",
      field: null,
    });
  });

  it("refuses a body without a refresh token, with the field", async () => {
    expect(refusalOf(await call(refreshEndpoint, "refresh", {}))).toMatchObject({
      status: 400,
      field: "refreshToken",
    });
  });

  it("is limited per address: 429 with Retry-After once too many refreshes failed", async () => {
    for (let n = 0; n < LIMITS.refresh.failuresPerSource.points; n += 1) {
      expect((await refresh(`vrt_guess${n}`)).status).toBe(401);
    }
    const refused = await refresh("vrt_one-more");
    expect(refusalOf(refused)).toEqual({ status: 429, reason: "rate_limited", field: null });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is limited per family", async () => {
    let pair = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    for (let n = 0; n < LIMITS.refresh.perFamily.points; n += 1) {
      const answer = await refresh(pair.refreshToken);
      expect(answer.status).toBe(200);
      pair = Pair.parse(answer.body);
    }
    const refused = await refresh(pair.refreshToken);
    expect(refusalOf(refused)).toMatchObject({ status: 429, reason: "rate_limited" });
    expect(refused.headers.get("retry-after")).not.toBeNull();
  });
});

describe("POST /api/auth/logout", () => {
  it("revokes the family of a refresh token", async () => {
    const pair = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    expect(await logout({ refreshToken: pair.refreshToken })).toMatchObject({ status: 200, body: { revoked: true } });
    expect(await resolveWith(pair.accessToken, "voicereseller")).toEqual({ refused: "session_ended" });
    expect(refusalOf(await refresh(pair.refreshToken))).toMatchObject({ reason: "session_ended" });
    expect(await logout({ refreshToken: pair.refreshToken })).toMatchObject({
      status: 200,
      body: { revoked: false },
    });
  });

  it("revokes the family of the bearer access token", async () => {
    const pair = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    const answer = await logout({}, { bearer: pair.accessToken, tenant: "voicereseller" });
    expect(answer).toMatchObject({ status: 200, body: { revoked: true } });
    expect(await resolveWith(pair.accessToken, "voicereseller")).toEqual({ refused: "session_ended" });
    expect(refusalOf(await refresh(pair.refreshToken))).toMatchObject({ reason: "session_ended" });
  });

  it("refuses a request with neither", async () => {
    expect(refusalOf(await logout({}))).toMatchObject({ status: 401, reason: "unauthenticated" });
  });
});

describe("what ends a family", () => {
  it("a deactivated user's access tokens and refresh token stop", async () => {
    const user = await userWith(ids.bistro.accountId, "admin", "deactivated");
    const pair = await loggedIn(user.email, "bistro");
    expect(await resolveWith(pair.accessToken, "bistro")).toEqual({ tenant: "bistro" });
    await owner.user.update({
      where: { accountId_id: { accountId: user.accountId, id: user.id } },
      data: { status: "deactivated" },
    });
    expect(await resolveWith(pair.accessToken, "bistro")).toEqual({ refused: "user_inactive" });
    expect(refusalOf(await refresh(pair.refreshToken))).toMatchObject({ status: 401, reason: "user_inactive" });
  });

  it("a suspended account's tokens stop with account_suspended", async () => {
    const user = await userWith(ids["city-clinic"].accountId, "admin", "suspended");
    const pair = await loggedIn(user.email, "city-clinic");
    await owner.account.update({ where: { id: ids["city-clinic"].accountId }, data: { status: "suspended" } });
    try {
      expect(await resolveWith(pair.accessToken, "city-clinic")).toEqual({ refused: "account_suspended" });
      expect(refusalOf(await refresh(pair.refreshToken))).toMatchObject({ status: 401, reason: "account_suspended" });
      const again = await login({ email: user.email, password, tenant: "city-clinic" });
      expect(refusalOf(again)).toMatchObject({ status: 401, reason: "account_suspended" });
    } finally {
      await owner.account.update({ where: { id: ids["city-clinic"].accountId }, data: { status: "active" } });
    }
  });
});

describe("POST /api/auth/act-as", () => {
  const asReseller = async () => {
    const pair = await loggedIn(ids.voicereseller.ownerEmail, "voicereseller");
    return { bearer: pair.accessToken, tenant: "voicereseller", pair };
  };

  it("exchanges a reseller's token for one of a child account that names both, audited", async () => {
    const { pair, ...send } = await asReseller();
    const answer = await actAs("bistro", send);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const token = z
      .object({
        accessToken: z.string(),
        tokenType: z.literal("Bearer"),
        expiresIn: z.number(),
        expiresAt: z.iso.datetime(),
        tenant: z.literal("bistro"),
        act: z.object({ sub: z.literal(ids.voicereseller.ownerUserId), tenant: z.literal("voicereseller") }),
      })
      .strict()
      .parse(answer.body);
    const [exchange] = await owner.auditEntry.findMany({
      where: { accountId: ids.bistro.accountId, action: "account.acted_as", ip: IP },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(exchange).toMatchObject({
      actorUserId: ids.voicereseller.ownerUserId,
      actorAccountId: ids.voicereseller.accountId,
      targetAccountId: ids.bistro.accountId,
    });

    // The token acts as bistro, with X-Tenant: bistro only, and what it writes names both.
    expect(await resolveWith(token.accessToken, "voicereseller")).toEqual({ refused: "tenant_mismatch" });
    const caller = callerFor(app, { host: resellerHost, bearer: token.accessToken, tenant: "bistro", ip: IP });
    const department = await caller.departments.create({ name: `${PREFIX}act-as` });
    const [entry] = await owner.auditEntry.findMany({
      where: { accountId: ids.bistro.accountId, action: "department.create", ip: IP },
      orderBy: { createdAt: "desc" },
      take: 1,
    });
    expect(entry).toMatchObject({
      actorUserId: ids.voicereseller.ownerUserId,
      actorAccountId: ids.voicereseller.accountId,
      actingAccountId: ids.bistro.accountId,
    });
    expect(department.id).toBeDefined();

    // Same family: logging the reseller's login out ends the act-as token too.
    await logout({ refreshToken: pair.refreshToken });
    expect(await resolveWith(token.accessToken, "bistro")).toEqual({ refused: "session_ended" });
  });

  it("refuses the own account, a parent and a sibling as not below", async () => {
    const reseller = await asReseller();
    expect(refusalOf(await actAs("voicereseller", reseller))).toEqual({
      status: 404,
      reason: "account_not_found",
      field: "tenant",
    });
    const bistroOwner = await loggedIn(ids.bistro.ownerEmail, "bistro");
    const asBistro = { bearer: bistroOwner.accessToken, tenant: "bistro" };
    for (const tenant of ["voicereseller", "city-clinic", "no-such-account"]) {
      expect(refusalOf(await actAs(tenant, asBistro))).toEqual({
        status: 404,
        reason: "account_not_found",
        field: "tenant",
      });
    }
  });

  it("refuses text with control characters, naming the field, as every text input does", async () => {
    const reseller = await asReseller();
    expect(refusalOf(await actAs("bis\u0000tro", reseller))).toMatchObject({
      status: 400,
      reason: "control_character",
      field: "tenant",
    });
    expect(
      refusalOf(await login({ email: "owner@voicereseller.test\u0007", password, tenant: "voicereseller" })),
    ).toMatchObject({ status: 400, reason: "control_character", field: "email" });
  });

  it("refuses a role that may not open accounts", async () => {
    const member = await userWith(ids.voicereseller.accountId, "member", "member");
    const pair = await loggedIn(member.email, "voicereseller");
    expect(refusalOf(await actAs("bistro", { bearer: pair.accessToken, tenant: "voicereseller" }))).toMatchObject({
      status: 403,
      reason: "missing_permission",
    });
  });

  it("refuses an act-as token, an API key, no credential and a mismatched X-Tenant", async () => {
    const reseller = await asReseller();
    const exchanged = z.object({ accessToken: z.string() }).parse((await actAs("bistro", reseller)).body);
    expect(refusalOf(await actAs("city-clinic", { bearer: exchanged.accessToken, tenant: "bistro" }))).toMatchObject({
      status: 409,
      reason: "account_already_open",
    });
    const key = await apiKeyFor(owner, {
      accountId: ids.voicereseller.accountId,
      createdByUserId: ids.voicereseller.ownerUserId,
      scopes: ["accounts:read", "accounts:write"],
      name: `${PREFIX}key`,
    });
    expect(refusalOf(await actAs("bistro", { bearer: key.key, tenant: "voicereseller" }))).toMatchObject({
      status: 403,
      reason: "token_required",
    });
    await owner.apiKey.update({
      where: { accountId_id: { accountId: ids.voicereseller.accountId, id: key.id } },
      data: { revokedAt: new Date(), revokedByUserId: ids.voicereseller.ownerUserId },
    });
    expect(refusalOf(await actAs("bistro", {}))).toMatchObject({ status: 401, reason: "unauthenticated" });
    expect(refusalOf(await actAs("bistro", { bearer: reseller.bearer, tenant: "bistro" }))).toMatchObject({
      status: 401,
      reason: "tenant_mismatch",
    });
  });
});

describe("API key use", () => {
  /** account.current over HTTP with `key`, resolved with key limits as the portal resolves it. */
  async function withKey(key: string, ip: string, specs?: { failuresPerSource: CounterSpec; perAccount: CounterSpec }) {
    const headers = new Headers({
      host: "voicereseller.localhost",
      authorization: `Bearer ${key}`,
      "x-tenant": "bistro",
    });
    const resolved = await resolveRequest(
      { headers, cookie: () => undefined },
      {
        read: poolReader(app),
        resolveHost: async () => resellerHost,
        clientIp: () => ip,
        keyLimits: keyUseLimits(app, specs),
      },
    );
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://voicereseller.localhost/api/trpc/account.current", { headers }),
      router: appRouter,
      responseMeta: retryAfterHeader,
      createContext: () => contextOfRequest(app, { ...resolved, origin: null }),
    });
    const body = z
      .object({ error: z.object({ json: z.object({ data: z.object({ reason: z.string().nullable() }) }) }) })
      .safeParse(await response.json());
    return {
      status: response.status,
      reason: body.success ? body.data.error.json.data.reason : null,
      retryAfter: response.headers.get("retry-after"),
    };
  }

  const bistroKey = () =>
    apiKeyFor(owner, {
      accountId: ids.bistro.accountId,
      createdByUserId: ids.bistro.ownerUserId,
      scopes: ["account:read"],
      name: `${PREFIX}limits`,
    });

  it("refuses an address with too many failed lookups, even with a good key, with 429 and Retry-After", async () => {
    const { key } = await bistroKey();
    expect(await withKey(key, "198.51.100.20")).toMatchObject({ status: 200 });
    for (let n = 0; n < LIMITS.apiKey.failuresPerSource.points; n += 1) {
      const guess = `vrk_GUESS${String(n).padStart(3, "0")}_${"x".repeat(32)}`;
      expect(await withKey(guess, "198.51.100.20")).toMatchObject({ status: 401, reason: "key_invalid" });
    }
    const refused = await withKey(key, "198.51.100.20");
    expect(refused).toMatchObject({ status: 429, reason: "rate_limited" });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    // Refused before the lookup: a key never used before is not even marked as used from there.
    const unused = await bistroKey();
    expect(await withKey(unused.key, "198.51.100.20")).toMatchObject({ status: 429, reason: "rate_limited" });
    const untouched = await owner.apiKey.findFirstOrThrow({ where: { prefix: unused.key.slice(0, 12) } });
    expect(untouched.lastUsedAt).toBeNull();
    // The key itself still works from elsewhere.
    expect(await withKey(key, "198.51.100.21")).toMatchObject({ status: 200 });
  });

  it("limits the requests of one account's keys", async () => {
    const { key } = await bistroKey();
    const specs = {
      failuresPerSource: LIMITS.apiKey.failuresPerSource,
      perAccount: { keyPrefix: "api-key:account-test", points: 2, duration: 60 },
    };
    expect(await withKey(key, "198.51.100.22", specs)).toMatchObject({ status: 200 });
    expect(await withKey(key, "198.51.100.23", specs)).toMatchObject({ status: 200 });
    const refused = await withKey(key, "198.51.100.24", specs);
    expect(refused).toMatchObject({ status: 429, reason: "rate_limited" });
    expect(refused.retryAfter).not.toBeNull();
  });
});

describe("an unexpected error", () => {
  it("answers a generic message with the request id, and logs what happened under that id", async () => {
    const url = new URL(inject("appUrl"));
    url.pathname = "/no_such_database_for_tokens";
    const broken = createPrismaClient(url.toString(), { max: 1 });
    const logged: { bindings: unknown; details: unknown }[] = [];
    const spy = vi.spyOn(logger, "child").mockImplementation(
      (bindings) =>
        ({
          error: (details: unknown) => logged.push({ bindings, details }),
        }) as unknown as ReturnType<typeof logger.child>,
    );
    try {
      const request = new Request("http://voicereseller.localhost/api/auth/refresh", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ refreshToken: "vrt_whatever" }),
      });
      const response = await refreshEndpoint(request, { db: broken, resolve: deps(resellerHost, IP).resolve });
      expect(response.status).toBe(500);
      const { error } = ErrorBody.parse(await response.json());
      expect(error).toMatchObject({ code: "INTERNAL_SERVER_ERROR", reason: "internal_error" });
      expect(error.message).toBe(`Something went wrong. Reference ${error.requestId}.`);
      expect(logged).toEqual([{ bindings: { requestId: error.requestId }, details: expect.anything() }]);
    } finally {
      spy.mockRestore();
      await broken.$disconnect();
    }
  });
});
