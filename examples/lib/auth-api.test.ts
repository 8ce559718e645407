import { describe, expect, it } from "vitest";
import { ApiRefusal, authApi } from "./auth-api";
import { describeFailure } from "./describe-failure";
import type { Fetch } from "./fetch";

const pair = {
  accessToken: "a.b.c",
  tokenType: "Bearer",
  expiresIn: 900,
  expiresAt: "2026-11-30T03:15:00.000Z",
  refreshToken: "r",
  tenant: "voicereseller",
};

function answering(response: () => Response) {
  const requests: { url: string; body: unknown }[] = [];
  const fetch: Fetch = async (input, init) => {
    requests.push({ url: String(input), body: JSON.parse(String(init?.body)) });
    return response();
  };
  return { api: authApi("http://voicereseller.localhost:3000", fetch), requests };
}

describe("authApi", () => {
  it("posts the credentials as JSON and checks the answer's shape", async () => {
    const { api, requests } = answering(() => Response.json(pair));
    expect(await api.login({ email: "e@x.test", password: "p", tenant: "voicereseller" })).toEqual(pair);
    expect(await api.refresh("r")).toEqual(pair);
    expect(requests).toEqual([
      {
        url: "http://voicereseller.localhost:3000/api/auth/login",
        body: { email: "e@x.test", password: "p", tenant: "voicereseller" },
      },
      { url: "http://voicereseller.localhost:3000/api/auth/refresh", body: { refreshToken: "r" } },
    ]);
  });

  it("turns the error body into a refusal with its reason, field and Retry-After", async () => {
    const { api } = answering(() =>
      Response.json(
        {
          error: {
            code: "TOO_MANY_REQUESTS",
            reason: "rate_limited",
            field: null,
            message: "Too many requests.",
            problems: [],
            requestId: "req-1",
          },
        },
        { status: 429, headers: { "retry-after": "42" } },
      ),
    );
    const refusal = await api.refresh("r").catch((caught: unknown) => caught);
    expect(refusal).toBeInstanceOf(ApiRefusal);
    expect(refusal).toMatchObject({ status: 429, reason: "rate_limited", details: { retryAfterSeconds: 42 } });
    expect(describeFailure(refusal)).toBe(
      "POST /api/auth/refresh: HTTP 429 rate_limited: Too many requests. (retry after 42 s) [request req-1]",
    );
  });

  it("says so when the answer is not the portal's", async () => {
    const proxy = answering(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(proxy.api.logout("r")).rejects.toMatchObject({ status: 502, reason: "unexpected_response" });
    const wrongShape = answering(() => Response.json({ ...pair, tokenType: "MAC" }));
    await expect(wrongShape.api.refresh("r")).rejects.toMatchObject({ reason: "unexpected_response" });
  });
});
