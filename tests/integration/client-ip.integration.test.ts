/**
 * The address a browser sign-in is checked and recorded under: next-auth's authorize, as the
 * portal server runs it (inside the socket's peer address), with a client's spoofed headers.
 */
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

// server/env.ts reads the environment once, at import: stub it before the auth options load.
vi.stubEnv("DATABASE_APP_URL", inject("appUrl"));
vi.stubEnv("NEXTAUTH_SECRET", "client-ip-test-secret-that-is-long-enough-0123456789");
const { authOptions } = await import("@/server/auth/options");
const { runWithPeerAddress } = await import("@/server/http/peer-address");

// Documentation addresses, so the audit rows this file causes can be found and removed.
const PEER = "198.51.100.61";
const SPOOFED = ["203.0.113.61", "203.0.113.62"];

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 1 }));
});

afterAll(async () => {
  await owner.auditEntry.deleteMany({ where: { ip: { in: [PEER, ...SPOOFED] } } });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
  vi.unstubAllEnvs();
});

function authorize(forwardedFor: string) {
  const provider = authOptions.providers[0] as CredentialsConfig;
  const credentials = { email: ids.acme.ownerEmail, password: inject("demoPassword"), tenant: "acme" };
  const request = {
    headers: { host: "acme.localhost:3000", "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor },
  };
  // As the portal server runs every request: inside the socket's peer address, here a mapped IPv4.
  return runWithPeerAddress(`::ffff:${PEER}`, () => provider.options.authorize?.(credentials, request));
}

describe("a sign-in's client address", () => {
  it("is the socket peer, normalised, whatever X-Forwarded-For says: audit and throttle get the same", async () => {
    for (const spoofed of SPOOFED) {
      expect(await authorize(spoofed)).toMatchObject({ id: ids.acme.ownerUserId });
    }
    const entries = await owner.auditEntry.findMany({
      where: { action: "auth.sign_in", ip: { in: [PEER, ...SPOOFED] } },
      select: { ip: true },
    });
    expect(entries.map((entry) => entry.ip)).toEqual([PEER, PEER]);
  });
});
