import { expect, test } from "@playwright/test";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/api/root";
import { DEMO_PASSWORD, origin } from "../helpers";

// A program with no browser: JSON in, JSON out, no cookie and no Origin. It proves on the built
// server that app/api/auth/{login,refresh,act-as,logout} are routed before next-auth's catch-all,
// and that the middleware lets them through.
const url = (path: string) => `${origin("localhost")}${path}`;

function apiClient(token: string, tenant: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: url("/api/trpc"),
        transformer: superjson,
        headers: { authorization: `Bearer ${token}`, "x-tenant": tenant },
      }),
    ],
  });
}

type Pair = { accessToken: string; refreshToken: string; tenant: string; tokenType: string };

test("a program logs in, refreshes, acts for a child account and logs out", async ({ request }) => {
  const login = await request.post(url("/api/auth/login"), {
    data: { email: "owner@voicereseller.test", password: DEMO_PASSWORD, tenant: "voicereseller" },
  });
  expect(login.status()).toBe(200);
  expect(login.headers()["cache-control"]).toBe("no-store");
  const first = (await login.json()) as Pair;
  expect(first).toMatchObject({ tokenType: "Bearer", tenant: "voicereseller" });
  expect((await apiClient(first.accessToken, "voicereseller").account.current.query()).account.slug).toBe(
    "voicereseller",
  );

  const refreshed = await request.post(url("/api/auth/refresh"), { data: { refreshToken: first.refreshToken } });
  expect(refreshed.status()).toBe(200);
  const second = (await refreshed.json()) as Pair;

  const actAs = await request.post(url("/api/auth/act-as"), {
    headers: { authorization: `Bearer ${second.accessToken}`, "x-tenant": "voicereseller" },
    data: { tenant: "bistro" },
  });
  expect(actAs.status()).toBe(200);
  const child = (await actAs.json()) as { accessToken: string; tenant: string; act: { tenant: string } };
  expect(child).toMatchObject({ tenant: "bistro", act: { tenant: "voicereseller" } });
  expect((await apiClient(child.accessToken, "bistro").account.current.query()).account.slug).toBe("bistro");

  const logout = await request.post(url("/api/auth/logout"), { data: { refreshToken: second.refreshToken } });
  expect(await logout.json()).toEqual({ revoked: true });
  const reused = await request.post(url("/api/auth/refresh"), { data: { refreshToken: second.refreshToken } });
  expect(reused.status()).toBe(401);
  expect(((await reused.json()) as { error: { reason: string } }).error.reason).toBe("session_ended");
});

test("a reused refresh token is refused with its reason, and next-auth's own routes still answer", async ({
  request,
}) => {
  const login = await request.post(url("/api/auth/login"), {
    data: { email: "owner@acme.test", password: DEMO_PASSWORD, tenant: "acme" },
  });
  const pair = (await login.json()) as Pair;
  await request.post(url("/api/auth/refresh"), { data: { refreshToken: pair.refreshToken } });
  const reused = await request.post(url("/api/auth/refresh"), { data: { refreshToken: pair.refreshToken } });
  expect(reused.status()).toBe(401);
  expect(((await reused.json()) as { error: { reason: string } }).error.reason).toBe("refresh_reused");

  const notJson = await request.post(url("/api/auth/login"), {
    headers: { "content-type": "text/plain" },
    data: "email=owner@acme.test",
  });
  expect(notJson.status()).toBe(400);
  expect(((await notJson.json()) as { error: { reason: string } }).error.reason).toBe("unsupported_content_type");

  const csrf = await request.get(url("/api/auth/csrf"));
  expect(csrf.status()).toBe(200);
  expect(Object.keys((await csrf.json()) as object)).toEqual(["csrfToken"]);
});
