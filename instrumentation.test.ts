import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onRequestError } from "./instrumentation";
import { logger } from "./server/log";

const REQUEST_ID = "0f0e0d0c-0b0a-4908-8706-050403020100";

afterEach(() => {
  vi.restoreAllMocks();
});

function captureLog() {
  const lines: { level: "warn" | "error"; bindings: unknown; details: unknown }[] = [];
  vi.spyOn(logger, "child").mockImplementation(
    (bindings) =>
      ({
        error: (details: unknown) => lines.push({ level: "error", bindings, details }),
        warn: (details: unknown) => lines.push({ level: "warn", bindings, details }),
      }) as unknown as ReturnType<typeof logger.child>,
  );
  return lines;
}

describe("onRequestError", () => {
  it("logs a page's error with the request id the middleware set and the digest the error page shows", async () => {
    const lines = captureLog();
    const error = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { digest: "123456" });
    await onRequestError(
      error,
      { path: "/dashboard?q=%00", method: "GET", headers: { "x-request-id": REQUEST_ID } },
      { routerKind: "App Router", routePath: "/dashboard", routeType: "render", revalidateReason: undefined },
    );
    expect(lines).toEqual([
      {
        level: "error",
        bindings: { requestId: REQUEST_ID },
        details: expect.objectContaining({
          err: error,
          digest: "123456",
          path: "/dashboard?q=%00",
          routeType: "render",
        }),
      },
    ]);
  });

  it("gives a request without a valid id a new one", async () => {
    const lines = captureLog();
    await onRequestError(
      new Error("boom"),
      { path: "/", method: "GET", headers: { "x-request-id": "forged\nline" } },
      { routerKind: "App Router", routePath: "/", routeType: "render", revalidateReason: undefined },
    );
    expect(lines[0]?.bindings).toEqual({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(lines[0]?.bindings).not.toEqual({ requestId: "forged\nline" });
  });

  it("logs a procedure's refusal that a render let through as a warning, and a fault as an error", async () => {
    const lines = captureLog();
    const context = {
      routerKind: "App Router",
      routePath: "/audit",
      routeType: "render",
      revalidateReason: undefined,
    } as const;
    const request = { path: "/audit", method: "GET", headers: { "x-request-id": REQUEST_ID } };
    await onRequestError(new TRPCError({ code: "UNAUTHORIZED", message: "Sign in again." }), request, context);
    await onRequestError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "boom" }), request, context);
    await onRequestError(new Error("boom"), request, context);
    expect(lines.map((line) => line.level)).toEqual(["warn", "error", "error"]);
  });
});
