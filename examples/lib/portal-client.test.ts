import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { authApi } from "./auth-api";
import type { Fetch } from "./fetch";
import { portalClient, reasonOf } from "./portal-client";
import { type AccessTokenSource, TokenKeeper } from "./token-keeper";

// The client logic against a fake of the portal's tRPC endpoint (its wire format: superjson in
// `result.data` or `error`, as httpLink reads it); the real portal is the e2e run.
type Seen = { path: string; authorization: string | null; tenant: string | null };

function fakePortal(answer: (seen: Seen, attempt: number) => { reason: string; status: number } | null) {
  const seen: Seen[] = [];
  const fetch: Fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const call = {
      path: url.pathname.replace("/api/trpc/", ""),
      authorization: headers.get("authorization"),
      tenant: headers.get("x-tenant"),
    };
    seen.push(call);
    const refusal = answer(call, seen.length);
    if (!refusal) return Response.json({ result: { data: superjson.serialize({ ok: call.authorization }) } });
    const shape = {
      message: `refused: ${refusal.reason}`,
      code: -32001,
      data: { code: "UNAUTHORIZED", httpStatus: refusal.status, path: call.path, reason: refusal.reason, field: null },
    };
    return Response.json({ error: superjson.serialize(shape) }, { status: refusal.status });
  };
  return { fetch, seen };
}

/** Tokens numbered from 1; `rejected` records what the client reported and moves to the next. */
function tokens(): AccessTokenSource & { reported: (string | undefined)[] } {
  let current = 1;
  const reported: (string | undefined)[] = [];
  return {
    reported,
    accessToken: async () => `token-${current}`,
    tenant: () => "voicereseller",
    rejected(token) {
      reported.push(token);
      current += 1;
      return true;
    },
  };
}

const baseUrl = "http://voicereseller.localhost:3000";

describe("portalClient", () => {
  it("sends the access token as Bearer and the tenant as X-Tenant on every call", async () => {
    const portal = fakePortal(() => null);
    const client = portalClient({ baseUrl, tokens: tokens(), fetch: portal.fetch });
    await client.account.current.query();
    await client.accounts.listChildren.query({ limit: 5 });
    expect(portal.seen).toEqual([
      { path: "account.current", authorization: "Bearer token-1", tenant: "voicereseller" },
      { path: "accounts.listChildren", authorization: "Bearer token-1", tenant: "voicereseller" },
    ]);
  });

  it("retries once with a refreshed token when the portal says token_expired", async () => {
    const portal = fakePortal((seen) =>
      seen.authorization === "Bearer token-1" ? { reason: "token_expired", status: 401 } : null,
    );
    const source = tokens();
    const client = portalClient({ baseUrl, tokens: source, fetch: portal.fetch });
    const answer = await client.accounts.setStatus.mutate({ accountId: crypto.randomUUID(), status: "active" });
    expect(answer).toEqual({ ok: "Bearer token-2" });
    expect(source.reported).toEqual(["token-1"]);
    expect(portal.seen.map((call) => call.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("gives up after one retry: a second token_expired reaches the program", async () => {
    const portal = fakePortal(() => ({ reason: "token_expired", status: 401 }));
    const client = portalClient({ baseUrl, tokens: tokens(), fetch: portal.fetch });
    const error = await client.account.current.query().catch((caught: unknown) => caught);
    expect(reasonOf(error)).toBe("token_expired");
    expect(portal.seen).toHaveLength(2);
  });

  it.each([
    ["tenant_mismatch", 401],
    ["session_ended", 401],
    ["missing_permission", 403],
    ["rate_limited", 429],
  ])("does not retry %s: a refresh cannot fix it", async (reason, status) => {
    const portal = fakePortal(() => ({ reason, status }));
    const source = tokens();
    const client = portalClient({ baseUrl, tokens: source, fetch: portal.fetch });
    const error = await client.account.current.query().catch((caught: unknown) => caught);
    expect(reasonOf(error)).toBe(reason);
    expect(portal.seen).toHaveLength(1);
    expect(source.reported).toEqual([]);
  });
});

describe("portalClient with a TokenKeeper", () => {
  it("refreshes through the token endpoint when a call is refused as expired, then retries it", async () => {
    let issued = 0;
    const pairJson = () => {
      issued += 1;
      return {
        accessToken: `token-${issued}`,
        tokenType: "Bearer",
        expiresIn: 900,
        expiresAt: new Date(Date.now() + 900_000).toISOString(),
        refreshToken: `refresh-${issued}`,
        tenant: "voicereseller",
      };
    };
    const trpc = fakePortal((seen) =>
      seen.authorization === "Bearer token-1" ? { reason: "token_expired", status: 401 } : null,
    );
    const authCalls: string[] = [];
    const fetch: Fetch = async (input, init) => {
      const path = new URL(String(input)).pathname;
      if (!path.startsWith("/api/auth/")) return trpc.fetch(input, init);
      authCalls.push(`${path} ${String(init?.body)}`);
      return Response.json(pairJson());
    };
    const keeper = new TokenKeeper(authApi(baseUrl, fetch));
    await keeper.login({ email: "owner@voicereseller.test", password: "pw", tenant: "voicereseller" });
    const client = portalClient({ baseUrl, tokens: keeper, fetch });
    expect(await client.account.current.query()).toEqual({ ok: "Bearer token-2" });
    expect(authCalls).toEqual([
      '/api/auth/login {"email":"owner@voicereseller.test","password":"pw","tenant":"voicereseller"}',
      '/api/auth/refresh {"refreshToken":"refresh-1"}',
    ]);
    expect(keeper.refreshes).toBe(1);
  });
});
