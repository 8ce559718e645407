import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientMessage, inputIssues } from "./error-message";

const zodError = z.object({ limit: z.number().min(1, "limit must be at least 1") }).safeParse({ limit: 0 }).error;

describe("clientMessage", () => {
  it("gives bad input's first problem in plain words", () => {
    const error = new TRPCError({ code: "BAD_REQUEST", message: "raw", cause: zodError });
    expect(clientMessage(error)).toBe("limit must be at least 1");
    expect(inputIssues(error)?.[0]?.path).toEqual(["limit"]);
  });

  it("keeps a procedure's own message", () => {
    expect(clientMessage(new TRPCError({ code: "NOT_FOUND", message: "No such account." }))).toBe("No such account.");
  });

  it("does not explain a failed output validation", () => {
    const error = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "Output validation failed",
      cause: zodError,
    });
    expect(clientMessage(error)).toBe("Output validation failed");
    expect(inputIssues(error)).toBeNull();
  });
});
