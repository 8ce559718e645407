import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { notFoundOn, problemFor } from "./page-problem";

const badInput = new TRPCError({
  code: "BAD_REQUEST",
  message: "raw",
  cause: z.object({ parentId: z.uuid({ message: "parentId must be an account id" }) }).safeParse({ parentId: "x" })
    .error,
});
const notFound = new TRPCError({ code: "NOT_FOUND", message: "No such account below yours." });
const forbidden = new TRPCError({ code: "FORBIDDEN", message: "Your role cannot do this (audit:read)." });

const ended = new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid. Sign in again." });

/** What next/navigation's redirect() throws: an error whose digest names the target. */
function redirectTarget(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === "string" ? digest.split(";")[2] : undefined;
  }
  return undefined;
}

describe("an ended session", () => {
  it("sends the page to sign-in, whatever codes the page explains", () => {
    expect(redirectTarget(() => problemFor(ended, { UNAUTHORIZED: null }))).toBe("/login");
    expect(redirectTarget(() => notFoundOn(ended, ["NOT_FOUND", "UNAUTHORIZED"]))).toBe("/login");
  });
});

describe("problemFor", () => {
  it("explains bad input in the input's own words", () => {
    expect(problemFor(badInput, {})).toEqual({ problem: "parentId must be an account id" });
  });

  it("uses the page's sentence for a code it explains, or the procedure's message for null", () => {
    expect(problemFor(notFound, { NOT_FOUND: "There is no such account below yours." })).toEqual({
      problem: "There is no such account below yours.",
    });
    expect(problemFor(notFound, { NOT_FOUND: null })).toEqual({ problem: "No such account below yours." });
  });

  it("rethrows codes the page does not explain, and anything that is not a TRPCError", () => {
    expect(() => problemFor(forbidden, { NOT_FOUND: null })).toThrow(forbidden);
    const crash = new Error("database down");
    expect(() => problemFor(crash, { NOT_FOUND: null })).toThrow(crash);
  });
});

describe("notFoundOn", () => {
  it("renders the 404 for the codes given, and leaves every other error to the page", () => {
    expect(() => notFoundOn(notFound, ["NOT_FOUND", "BAD_REQUEST"])).toThrow(
      expect.objectContaining({ digest: expect.stringMatching(/404/) }),
    );
    expect(() => notFoundOn(badInput, ["NOT_FOUND", "BAD_REQUEST"])).toThrow();
    expect(() => notFoundOn(forbidden, ["NOT_FOUND", "BAD_REQUEST"])).not.toThrow();
    expect(() => notFoundOn(new Error("database down"), ["NOT_FOUND"])).not.toThrow();
  });
});
