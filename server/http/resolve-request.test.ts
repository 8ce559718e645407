import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => vi.stubEnv("NEXTAUTH_SECRET", "unit-tests-session-secret-0123456789abcdef"));

import { issueAccessToken } from "../auth/access-token";
import { generateApiKey } from "../auth/api-key-secret";
import type { HostResolution } from "../tenancy/host-resolver";
import { bearerCredentials, bearerOf, type ResolverDeps, resolveRequest } from "./resolve-request";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("the Authorization header", () => {
  it.each([
    ["Bearer abc.def.ghi", "abc.def.ghi"],
    ["bearer abc", "abc"],
    ["BEARER   abc", "abc"],
    ["  Bearer abc  ", "abc"],
  ])("%j presents the bearer credential", (authorization, credential) => {
    expect(bearerOf(headers({ authorization }))).toEqual({ kind: "bearer", credential });
  });

  it("absent presents nothing", () => {
    expect(bearerOf(headers({}))).toEqual({ kind: "absent" });
  });

  it.each([
    ["another scheme", "Basic Ym9iOnNlY3JldA=="],
    ["the scheme alone", "Bearer"],
    ["two credentials", "Bearer abc def"],
    ["no space after the scheme", "Bearerabc"],
    ["a character outside printable ASCII", "Bearer abc\u00e9"],
    ["a credential too long to be one", `Bearer ${"a".repeat(2049)}`],
    ["empty", ""],
  ])("is malformed with %s", (_case, authorization) => {
    expect(bearerOf(headers({ authorization }))).toEqual({ kind: "malformed" });
  });
});

describe("a bearer credential", () => {
  it("is an API key when it has a key's shape, whatever else it could be", () => {
    const { key } = generateApiKey();
    expect(bearerCredentials(key, headers({ "x-tenant": "bistro" }))).toEqual({ kind: "key", key, tenant: "bistro" });
  });

  it("is a token when it has a JWT's shape", () => {
    expect(bearerCredentials("aaa.bbb.ccc", headers({ "x-tenant": "bistro" }))).toEqual({
      kind: "token",
      token: "aaa.bbb.ccc",
      tenant: "bistro",
    });
  });

  it.each([
    ["a key with a short secret", "vrk_abcdEFGH_tooShort"],
    ["a next-auth cookie (five parts)", "a.b.c.d.e"],
    ["anything else", "hello"],
  ])("is an empty, invalid token when it is %s", (_case, credential) => {
    expect(bearerCredentials(credential, headers({}))).toEqual({ kind: "token", token: "", tenant: null });
  });

  it.each([
    ["  bistro  ", "bistro"],
    ["\tbistro", "bistro"],
    ["   ", null],
    ["", null],
  ])("takes X-Tenant %j as %j", (tenant, expected) => {
    expect(bearerCredentials("aaa.bbb.ccc", headers({ "x-tenant": tenant })).tenant).toBe(expected);
  });

  it("has no tenant without X-Tenant", () => {
    expect(bearerCredentials("aaa.bbb.ccc", headers({})).tenant).toBeNull();
  });
});

const BRAND: HostResolution = {
  kind: "brand",
  hostname: "voicereseller.localhost",
  accountId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  slug: "voicereseller",
  isReseller: true,
  status: "active",
};

/**
 * The resolver's parts for requests it must answer without asking the database: a database that
 * fails the test if asked, and the cookie reads and address derivations it made.
 */
function offline(host: HostResolution = BRAND, accept?: ResolverDeps["accept"]) {
  const cookieReads: string[] = [];
  const clientIp = vi.fn((_headers: Pick<Headers, "get">) => "203.0.113.9");
  const queryRaw = vi.fn(() => {
    throw new Error("this request must be answered without a query");
  });
  const deps = {
    read: queryRaw as unknown as ResolverDeps["read"],
    resolveHost: async () => host,
    clientIp,
    ...(accept ? { accept } : {}),
  } satisfies ResolverDeps;
  const cookie = (name: string) => {
    cookieReads.push(name);
    return "a session cookie that would fail if it were read";
  };
  return { deps, cookie, cookieReads, clientIp, queryRaw };
}

async function tokenFor(tenant: string) {
  const id = "5d6e7f8a-9b0c-4f1c-8b9e-8a4d4c1e9b2a";
  const { token } = await issueAccessToken({
    userId: id,
    accountId: id,
    sessionId: id,
    role: "owner",
    tenant: { id, slug: tenant },
  });
  return token;
}

describe("resolveRequest", () => {
  it("refuses a malformed Authorization header as a bearer request, without reading cookies", async () => {
    const { deps, cookie, cookieReads } = offline();
    const resolved = await resolveRequest({ headers: headers({ authorization: "Basic abc" }), cookie }, deps);
    expect(resolved).toMatchObject({ principal: null, bearer: true, refusal: { reason: "authorization_invalid" } });
    expect(cookieReads).toEqual([]);
  });

  it.each([
    [
      "an access token without X-Tenant",
      async () => ({ authorization: `Bearer ${await tokenFor("bistro")}` }),
      "tenant_missing",
    ],
    [
      "an access token for another tenant than X-Tenant",
      async () => ({ authorization: `Bearer ${await tokenFor("bistro")}`, "x-tenant": "city-clinic" }),
      "tenant_mismatch",
    ],
    [
      "an API key without X-Tenant",
      async () => ({ authorization: `Bearer ${generateApiKey().key}` }),
      "tenant_missing",
    ],
    [
      "a token that does not verify",
      async () => ({ authorization: "Bearer aaa.bbb.ccc", "x-tenant": "bistro" }),
      "token_invalid",
    ],
  ])("refuses %s before any query and without reading cookies", async (_case, make, reason) => {
    const { deps, cookie, cookieReads, queryRaw } = offline();
    const resolved = await resolveRequest({ headers: headers(await make()), cookie }, deps);
    expect(resolved).toMatchObject({ principal: null, bearer: true, refusal: { reason, status: "UNAUTHORIZED" } });
    expect(queryRaw).not.toHaveBeenCalled();
    expect(cookieReads).toEqual([]);
  });

  it("derives the client address once, from the request's headers, for everything that follows", async () => {
    const { deps, cookie, clientIp } = offline();
    const requestHeaders = headers({ authorization: "Bearer aaa.bbb.ccc", "x-forwarded-for": "198.51.100.1" });
    const resolved = await resolveRequest({ headers: requestHeaders, cookie }, deps);
    expect(resolved.ip).toBe("203.0.113.9");
    expect(clientIp).toHaveBeenCalledTimes(1);
    expect(clientIp).toHaveBeenCalledWith(requestHeaders);
  });

  it("on a page (sessions only) ignores the Authorization header altogether", async () => {
    const { deps } = offline(BRAND, "session");
    const resolved = await resolveRequest(
      { headers: headers({ authorization: "Basic abc" }), cookie: () => undefined },
      deps,
    );
    expect(resolved).toMatchObject({ principal: null, refusal: null, bearer: false });
  });

  it("answers no principal and no refusal on an unknown host, whatever is presented", async () => {
    const { deps, cookie, queryRaw } = offline({ kind: "unknown", reason: "no account answers on this host" });
    const resolved = await resolveRequest({ headers: headers({ authorization: "Bearer aaa.bbb.ccc" }), cookie }, deps);
    expect(resolved).toMatchObject({ principal: null, refusal: null, bearer: true });
    expect(queryRaw).not.toHaveBeenCalled();
  });

  it("without any credential has no principal and nothing to refuse", async () => {
    const { deps } = offline();
    const resolved = await resolveRequest({ headers: headers({}), cookie: () => undefined }, deps);
    expect(resolved).toMatchObject({ principal: null, refusal: null, bearer: false, ip: "203.0.113.9" });
  });
});
