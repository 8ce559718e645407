/**
 * An unexpected error answers, over HTTP, "Something went wrong" and the request id, nothing
 * else: no database or driver message, no stack. The details go to the server log under that id.
 * The failures here are real: a database that does not exist, a context that cannot be built.
 */

import { inspect } from "node:util";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { appRouter } from "@/server/api/root";
import type { TRPCContext } from "@/server/api/trpc";
import type { PortalSession } from "@/server/auth/session";
import { createPrismaClient } from "@/server/db/client";
import { logger } from "@/server/log";
import type { HostResolution } from "@/server/tenancy/host-resolver";
import { contextFor, signedInSession } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const PLATFORM_HOST: HostResolution = { kind: "platform", hostname: "localhost" };
const REQUEST_ID = "0f0e0d0c-0b0a-4908-8706-050403020100";
const MISSING_DATABASE = "missing_database_test";

const ErrorBody = z.object({
  error: z.object({
    json: z.object({
      message: z.string(),
      code: z.number(),
      data: z.record(z.string(), z.unknown()),
    }),
  }),
});

let app: PrismaClient;
let owner: PrismaClient;
let broken: PrismaClient;
let ids: DemoIds;
let session: PortalSession;
let logged: { bindings: unknown; details: unknown; message: unknown }[] = [];

beforeAll(async () => {
  ({ app, owner, ids } = await connectDemoDatabase());
  session = await signedInSession(
    app,
    { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
    { kind: "platform", hostname: "localhost" },
  );
  const url = new URL(inject("appUrl"));
  url.pathname = `/${MISSING_DATABASE}`;
  broken = createPrismaClient(url.toString(), { max: 1 });
  // Only the logger's output is captured: what the server would write for operators to read.
  vi.spyOn(logger, "child").mockImplementation(
    (bindings) =>
      ({
        error: (details: unknown, message: unknown) => logged.push({ bindings, details, message }),
      }) as unknown as ReturnType<typeof logger.child>,
  );
});

afterAll(async () => {
  vi.restoreAllMocks();
  await Promise.all([app?.$disconnect(), owner?.$disconnect(), broken?.$disconnect()]);
});

async function request(path: string, input: unknown, context: () => TRPCContext | Promise<TRPCContext>) {
  logged = [];
  const query = input === undefined ? "" : `?input=${encodeURIComponent(superjson.stringify(input))}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}${query}`),
    router: appRouter,
    createContext: context,
  });
  const text = await response.text();
  return { status: response.status, text, body: ErrorBody.parse(JSON.parse(text)).error.json };
}

const signedIn = (db: PrismaClient) => () =>
  contextFor(app, { host: PLATFORM_HOST, session, requestId: REQUEST_ID }, { db });

const INTERNALS = /missing_database|database|prisma|postgres|driver|adapter|ECONN|\bat \S+ \(|\.ts:\d+/i;

describe("an unexpected error", () => {
  it("answers a generic message with the request id, and logs the details under it", async () => {
    const { status, text, body } = await request("account.current", undefined, signedIn(broken));
    expect(status).toBe(500);
    expect(body.message).toBe(`Something went wrong. Reference ${REQUEST_ID}.`);
    expect(body.data).toEqual({
      code: "INTERNAL_SERVER_ERROR",
      httpStatus: 500,
      path: "account.current",
      reason: "internal_error",
      field: null,
      problems: [{ reason: "internal_error", field: null, message: `Something went wrong. Reference ${REQUEST_ID}.` }],
      requestId: REQUEST_ID,
    });
    expect(text).not.toMatch(INTERNALS);

    expect(logged).toHaveLength(1);
    expect(logged[0]?.bindings).toEqual({ requestId: REQUEST_ID });
    // What the operator reads: the error with its message and causes, as pino serialises it.
    const details = z.object({ err: z.instanceof(Error) }).parse(logged[0]?.details);
    expect(inspect(details.err, { depth: 6 })).toMatch(MISSING_DATABASE);
  });

  it("still names a request id when the request's context could not be built", async () => {
    const { status, text, body } = await request("account.current", undefined, () => {
      throw new Error("connect ECONNREFUSED 10.0.0.5:5432 (password=hunter2)");
    });
    expect(status).toBe(500);
    expect(body.message).toMatch(/^Something went wrong\. Reference [0-9a-f-]{36}\.$/);
    expect(body.data.requestId).toEqual(body.message.slice(-37, -1));
    expect(text).not.toMatch(INTERNALS);
    expect(text).not.toContain("hunter2");
    expect(logged.map((line) => line.bindings)).toEqual([{ requestId: body.data.requestId }]);
  });
});

describe("bad input over HTTP", () => {
  it("is a 400 with the reason and the field, never the database's words", async () => {
    const { status, text, body } = await request("accounts.listChildren", { search: "a\u0000b" }, signedIn(app));
    expect(status).toBe(400);
    expect(body.data).toMatchObject({
      code: "BAD_REQUEST",
      reason: "control_character",
      field: "search",
      requestId: REQUEST_ID,
    });
    expect(text).not.toMatch(INTERNALS);
    expect(logged).toEqual([]);
  });

  it("a malformed audit cursor is a 400 invalid_cursor, not a failed query", async () => {
    const { status, body } = await request("audit.list", { cursor: "2026-01-01T00:00:00.000Z_x" }, signedIn(app));
    expect(status).toBe(400);
    expect(body.data).toMatchObject({ reason: "invalid_cursor", field: "cursor" });
  });
});
