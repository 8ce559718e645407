import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const SECRET = "middleware-test-secret-that-is-long-enough-0123456789";

// server/env.ts reads the environment once, at import: stub it before the middleware is imported.
vi.stubEnv("DATABASE_APP_URL", inject("appUrl"));
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
const { middleware } = await import("@/middleware");

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 1 }));
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
  vi.unstubAllEnvs();
});

function request(host: string, pathname: string, headers: Record<string, string> = {}) {
  return new NextRequest(`http://${host}${pathname}`, { headers: { host, ...headers } });
}

async function sessionCookie(slug: "bistro" | "acme", brand: string): Promise<string> {
  const token = await encode({
    secret: SECRET,
    // The middleware reads the token only; whether the session has ended is the procedures' check.
    token: { sub: ids[slug].ownerUserId, accountId: ids[slug].accountId, role: "owner", brand, sid: randomUUID() },
  });
  return `portal.session-token=${token}`;
}

/** The value the middleware forwards to the page for a request header (Next's encoding). */
const forwarded = (response: Response, name: string) => response.headers.get(`x-middleware-request-${name}`);

describe("middleware", () => {
  it("replaces a spoofed brand header with the host's brand", async () => {
    const response = await middleware(
      request("voicereseller.localhost:3000", "/login", { "x-portal-brand": ids.acme.accountId }),
    );
    expect(forwarded(response, "x-portal-brand")).toBe(ids.voicereseller.accountId);
    const platform = await middleware(request("localhost:3000", "/login", { "x-portal-brand": ids.acme.accountId }));
    expect(forwarded(platform, "x-portal-brand")).toBe("platform");
  });

  it.each([
    ["an unknown host", "nobody.example.com", "/login"],
    ["an IP that is not a platform host", "10.1.2.3:3000", "/dashboard"],
    ["a malformed host", "under_score.localhost", "/login"],
  ])("sends %s to the neutral 404 without forwarding a brand", async (_name, host, pathname) => {
    const response = await middleware(request(host, pathname));
    expect(response.status).toBe(404);
    expect(response.headers.get("x-middleware-rewrite")).toMatch(/\/unknown-host$/);
    expect(forwarded(response, "x-portal-brand")).toBeNull();
  });

  it("answers API calls on an unknown host with a JSON 404", async () => {
    const response = await middleware(request("nobody.example.com", "/api/trpc/branding.forHost"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { message: "Not found" } });
  });

  it("sends signed-out visitors of portal pages to /login on the same host", async () => {
    const response = await middleware(request("acme.localhost:3000", "/dashboard"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://acme.localhost:3000/login?next=%2Fdashboard");
  });

  it("lets a session through on the brand it was issued on, and not on another brand's host", async () => {
    const cookie = await sessionCookie("bistro", ids.voicereseller.accountId);
    const own = await middleware(request("voicereseller.localhost:3000", "/dashboard", { cookie }));
    expect(own.headers.get("location")).toBeNull();
    expect(forwarded(own, "x-portal-brand")).toBe(ids.voicereseller.accountId);
    const other = await middleware(request("acme.localhost:3000", "/dashboard", { cookie }));
    expect(other.headers.get("location")).toBe("http://acme.localhost:3000/login?next=%2Fdashboard");
  });

  it("treats a forged session token as no session", async () => {
    const forged = `portal.session-token=${await encode({
      secret: "some-other-secret-that-is-long-enough-0123456789",
      token: { sub: ids.acme.ownerUserId, accountId: ids.acme.accountId, role: "owner", brand: "platform" },
    })}`;
    const response = await middleware(request("localhost:3000", "/dashboard", { cookie: forged }));
    expect(response.headers.get("location")).toBe("http://localhost:3000/login?next=%2Fdashboard");
  });
});
