import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError, problem } from "../domain-error";
import { messageOf, problemsOf } from "./error-message";

const Input = z.object({
  name: z.string().min(1, "Enter a name").max(3, "A name has at most 3 characters"),
  limits: z.object({ maxIn: z.number().min(1, "maxIn must be at least 1") }),
  parentId: z.uuid({ message: "parentId must be an account id" }),
  plan: z.enum(["a", "b"], "Choose a plan"),
  code: z.string().regex(/^x$/, "code is x"),
  note: z.string().refine((value) => value !== "no", { message: "not no", params: { reason: "said_no" } }),
  other: z.string().refine((value) => value !== "no", "not no either"),
});

function badInput(value: unknown): TRPCError {
  const parsed = Input.safeParse(value);
  if (parsed.success) throw new Error("expected bad input");
  return new TRPCError({ code: "BAD_REQUEST", message: "raw", cause: parsed.error });
}

describe("problemsOf", () => {
  it("gives every issue of bad input with a reason and its field", () => {
    const error = badInput({
      name: "long name",
      limits: { maxIn: 0 },
      parentId: "x",
      plan: "c",
      code: "y",
      note: "no",
      other: "no",
    });
    expect(problemsOf(error)).toEqual([
      { reason: "too_long", field: "name", message: "A name has at most 3 characters" },
      { reason: "too_small", field: "limits.maxIn", message: "maxIn must be at least 1" },
      { reason: "invalid_uuid", field: "parentId", message: "parentId must be an account id" },
      { reason: "invalid_choice", field: "plan", message: "Choose a plan" },
      { reason: "invalid_format", field: "code", message: "code is x" },
      { reason: "said_no", field: "note", message: "not no" },
      { reason: "invalid", field: "other", message: "not no either" },
    ]);
  });

  it("names the whole input as field null, and a missing value's type", () => {
    const whole = z
      .object({ a: z.string().optional() })
      .refine((input) => input.a !== undefined, "Nothing to change")
      .safeParse({}).error;
    expect(problemsOf(new TRPCError({ code: "BAD_REQUEST", cause: whole }))).toEqual([
      { reason: "invalid", field: null, message: "Nothing to change" },
    ]);
    expect(problemsOf(badInput({}))[0]).toMatchObject({ reason: "invalid_type", field: "name" });
    expect(problemsOf(badInput({ name: "" }))[0]).toMatchObject({ reason: "too_short", field: "name" });
  });

  it("keeps a broken rule's own problems, each with its field", () => {
    const cause = new DomainError("BAD_REQUEST", [
      problem("limit_above_parent", "maxIn can be at most 5.", "limits.maxIn"),
      problem("limit_above_parent", "maxOut can be at most 5.", "limits.maxOut"),
    ]);
    const error = new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    expect(problemsOf(error)).toEqual([
      { reason: "limit_above_parent", field: "limits.maxIn", message: "maxIn can be at most 5." },
      { reason: "limit_above_parent", field: "limits.maxOut", message: "maxOut can be at most 5." },
    ]);
    expect(messageOf(problemsOf(error))).toBe("maxIn can be at most 5. maxOut can be at most 5.");
    expect(cause.message).toBe("maxIn can be at most 5. maxOut can be at most 5.");
    expect(cause.reason).toBe("limit_above_parent");
  });

  it("gives any other refusal its code as the reason, about the whole request", () => {
    expect(problemsOf(new TRPCError({ code: "NOT_FOUND", message: "No such account." }))).toEqual([
      { reason: "not_found", field: null, message: "No such account." },
    ]);
  });

  it("tells nothing of an unexpected error but the request id", () => {
    const internal = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: 'invalid byte sequence for encoding "UTF8": 0x00',
      cause: new Error("PrismaClientKnownRequestError: ..."),
    });
    expect(problemsOf(internal, "r-1")).toEqual([
      { reason: "internal_error", field: null, message: "Something went wrong. Reference r-1." },
    ]);
  });

  it("does not explain a failed output validation", () => {
    const cause = z.object({ secret: z.string("internal detail") }).safeParse({}).error;
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed", cause });
    expect(JSON.stringify(problemsOf(error))).not.toMatch(/internal detail|secret|Output validation/);
  });
});

describe("DomainError", () => {
  it("needs at least one problem", () => {
    expect(() => new DomainError("BAD_REQUEST", [])).toThrow(/at least one problem/);
  });
});
