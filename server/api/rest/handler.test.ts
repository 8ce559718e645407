import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { DomainError, problem } from "../../domain-error";
import { RetryLater } from "../../limits/retry-later";
import { restErrorResponse } from "./handler";

describe("restErrorResponse", () => {
  it("answers a limit's refusal 429 with Retry-After, in the error body", async () => {
    const limited = new TRPCError({ code: "TOO_MANY_REQUESTS", message: "slow down", cause: new RetryLater(4_200) });
    const response = restErrorResponse(limited, "req-1", 429);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({
      error: { code: "TOO_MANY_REQUESTS", reason: "rate_limited", requestId: "req-1" },
    });
  });

  it("passes a broken rule's reason and field, as tRPC's error formatter does", async () => {
    const rule = new DomainError("CONFLICT", problem("slug_taken", "That slug is taken.", "slug"));
    const response = restErrorResponse(
      new TRPCError({ code: "CONFLICT", message: rule.message, cause: rule }),
      "r",
      409,
    );
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: {
        code: "CONFLICT",
        reason: "slug_taken",
        field: "slug",
        message: "That slug is taken.",
        problems: [{ reason: "slug_taken", field: "slug", message: "That slug is taken." }],
        requestId: "r",
      },
    });
  });

  it("says nothing of an unexpected error but the request id", async () => {
    const failure = new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("relation users does not exist") });
    const response = restErrorResponse(failure, "req-9", 500);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("relation");
    expect(text).toContain("req-9");
  });

  it("keeps the library's status for a code the shared table does not list", async () => {
    const unsupported = new TRPCError({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: 'Unsupported content-type "text/plain',
    });
    const response = restErrorResponse(unsupported, "r", 415);
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({
      error: { code: "UNSUPPORTED_MEDIA_TYPE", reason: "unsupported_media_type" },
    });
  });
});
