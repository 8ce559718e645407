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
const { runWithPeerAddress } = await import("@/server/http/peer-address");
const { requestClientIp } = await import("@/server/http/request-ip");

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
  it("gives every request its own id, forwarded to the page and echoed in the response, never the client's", async () => {
    const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const forged = "0f0e0d0c-0b0a-4908-8706-050403020100";
    const first = await middleware(request("voicereseller.localhost:3000", "/login", { "x-request-id": forged }));
    const second = await middleware(request("voicereseller.localhost:3000", "/login"));
    const unknown = await middleware(request("nobody.example.com", "/api/trpc/x"));
    for (const response of [first, second, unknown]) {
      expect(response.headers.get("x-request-id")).toMatch(REQUEST_ID);
      expect(response.headers.get("x-request-id")).not.toBe(forged);
    }
    expect(forwarded(first, "x-request-id")).toBe(first.headers.get("x-request-id"));
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
  });

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

  it.each([
    "/users",
    "/users/new",
    "/extensions",
    "/numbers",
    "/numbers/pool",
    "/departments",
    "/schedules",
    "/profile",
    "/settings",
  ])("sends signed-out visitors of the customer's %s back to it after signing in", async (path) => {
    const response = await middleware(request("voicereseller.localhost:3000", path));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(
      `http://voicereseller.localhost:3000/login?next=${encodeURIComponent(path)}`,
    );
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

  it("states the request's own host and protocol to next-auth, whatever forwarded headers a client sends", async () => {
    const response = await middleware(
      request("acme.localhost:3000", "/api/auth/providers", {
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
        "x-forwarded-port": "443",
        forwarded: "host=evil.example;proto=https",
        "x-forwarded-for": "203.0.113.9",
      }),
    );
    expect(forwarded(response, "x-forwarded-host")).toBe("acme.localhost:3000");
    expect(forwarded(response, "x-forwarded-proto")).toBe("http");
    expect(forwarded(response, "x-forwarded-port")).toBeNull();
    expect(forwarded(response, "forwarded")).toBeNull();
    expect(forwarded(response, "x-forwarded-for")).toBeNull();
  });

  it.each(["acme.localhost:3000@evil.example", "acme.localhost@evil.example:3000", "evil.example/acme.localhost:3000"])(
    "answers a Host with user info or a path (%s) with the neutral 404, never a redirect",
    async (host) => {
      const response = await middleware(new NextRequest("http://acme.localhost:3000/dashboard", { headers: { host } }));
      expect(response.status).toBe(404);
      expect(response.headers.get("location")).toBeNull();
      expect(forwarded(response, "x-portal-brand")).toBeNull();
    },
  );

  it.each([
    ["another site", "http://evil.example", 403],
    ["the same host over https", "https://acme.localhost:3000", 403],
    ["the same host on another port", "http://acme.localhost:4000", 403],
    ["an opaque origin", "null", 403],
    ["the portal itself", "http://acme.localhost:3000", 200],
  ])("answers a server action posted from %s with %i", async (_name, origin, status) => {
    const cookie = await sessionCookie("acme", ids.acme.accountId);
    const response = await middleware(
      new NextRequest("http://acme.localhost:3000/accounts", {
        method: "POST",
        headers: { host: "acme.localhost:3000", origin, cookie, "next-action": "abc123", "content-type": "text/plain" },
        body: "[]",
      }),
    );
    expect(response.status).toBe(status);
  });

  it("sends a nonce-carrying Content-Security-Policy with every response and gives Next.js the same nonce", async () => {
    const page = await middleware(request("acme.localhost:3000", "/login"));
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(forwarded(page, "content-security-policy")).toBe(policy);
    const again = await middleware(request("acme.localhost:3000", "/login"));
    expect(again.headers.get("content-security-policy")).not.toBe(policy);
    for (const response of [
      await middleware(request("nobody.example.com", "/login")),
      await middleware(request("acme.localhost:3000", "/dashboard")),
    ]) {
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });
});

describe("the client address", () => {
  it("is the socket peer the portal server recorded, not what X-Forwarded-For says", () => {
    const spoofed = new Headers({ "x-forwarded-for": "203.0.113.9, 6.6.6.6" });
    expect(runWithPeerAddress("::ffff:198.51.100.7", () => requestClientIp(spoofed))).toBe("198.51.100.7");
    expect(runWithPeerAddress("198.51.100.7", () => requestClientIp({ "x-forwarded-for": "x".repeat(6000) }))).toBe(
      "198.51.100.7",
    );
  });

  it("is unknown outside the portal server rather than taken from a header", () => {
    expect(requestClientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBeNull();
  });
});

describe("middleware: hosts that serve no portal", () => {
  const unverified = "mw-unverified.bistro.example";
  const verified = "mw-verified.bistro.example";
  const development = "mw-development.localhost";
  const closedHost = "mw-closed.localhost";
  let closedId: string;

  beforeAll(async () => {
    const bistro = ids.bistro.accountId;
    const closed = await owner.account.create({
      data: {
        slug: "mw-closed",
        name: "Mw Closed",
        parentId: ids.voicereseller.accountId,
        planId: "starter",
        maxIn: 0,
        maxOut: 0,
        maxDialer: 0,
      },
    });
    closedId = closed.id;
    await owner.hostMapping.createMany({
      data: [
        { hostname: unverified, accountId: bistro, kind: "brand", isPrimary: true },
        { hostname: verified, accountId: bistro, kind: "brand", verified: true },
        { hostname: development, accountId: bistro, kind: "brand" },
        { hostname: closedHost, accountId: closedId, kind: "brand", isPrimary: true, verified: true },
      ],
    });
    await owner.account.update({ where: { id: closedId }, data: { status: "closed" } });
  });

  afterAll(async () => {
    await owner.hostMapping.deleteMany({ where: { hostname: { startsWith: "mw-" } } });
    await owner.account.delete({ where: { id: closedId } });
  });

  it.each([
    ["an unverified brand domain", unverified],
    ["a closed account's brand domain", closedHost],
  ])("sends %s to the neutral 404, as if nobody had it", async (_name, host) => {
    const response = await middleware(request(`${host}:3000`, "/login"));
    expect(response.status).toBe(404);
    expect(response.headers.get("x-middleware-rewrite")).toMatch(/\/unknown-host$/);
    expect(forwarded(response, "x-portal-brand")).toBeNull();
  });

  it.each([
    ["a verified brand domain", verified],
    ["an unverified name under the development suffix", development],
  ])("serves %s", async (_name, host) => {
    const response = await middleware(request(`${host}:3000`, "/login"));
    expect(response.status).toBe(200);
    expect(forwarded(response, "x-portal-brand")).toBe(ids.bistro.accountId);
  });
});
