import type { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { DomainError, type Problem } from "../domain-error";
import { RetryLater } from "../limits/retry-later";
import { ServerBusy } from "../limits/server-busy";

/** What every unexpected error tells a client: nothing about the server, and how to report it. */
export function unexpectedProblem(requestId: string | null): Problem {
  return {
    reason: "internal_error",
    field: null,
    message: requestId ? `Something went wrong. Reference ${requestId}.` : "Something went wrong.",
  };
}

type Issue = ZodError["issues"][number];

/** Zod's size checks, named for what the person did: too short a text, too large a number, ... */
const SIZE_REASONS: Record<"too_small" | "too_big", Record<string, string>> = {
  too_small: { string: "too_short", array: "too_few", set: "too_few", file: "too_small" },
  too_big: { string: "too_long", array: "too_many", set: "too_many", file: "too_large" },
};

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

/**
 * A stable code for one zod issue. A refinement of ours names its own reason in `params.reason`
 * (`control_character`, `invalid_cursor`, ...); zod's own checks get a code derived from theirs.
 */
export function reasonOf(issue: Issue): string {
  switch (issue.code) {
    case "custom": {
      const reason: unknown = issue.params?.reason;
      return typeof reason === "string" && SNAKE_CASE.test(reason) ? reason : "invalid";
    }
    case "too_small":
    case "too_big":
      return SIZE_REASONS[issue.code][issue.origin] ?? (issue.code === "too_small" ? "too_small" : "too_large");
    case "invalid_format":
      return issue.format === "regex"
        ? "invalid_format"
        : `invalid_${issue.format.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`;
    case "invalid_type":
      return "invalid_type";
    case "invalid_value":
      return "invalid_choice";
    case "unrecognized_keys":
      return "unknown_field";
    default:
      return "invalid";
  }
}

/** The input path of an issue as a field name: `limits.maxIn`, `changes.didDefaultDest.id`; null for the whole input. */
export function fieldOf(path: readonly PropertyKey[]): string | null {
  return path.length > 0 ? path.map(String).join(".") : null;
}

/**
 * Everything wrong with a request, as data: a broken business rule's own problems, one problem per
 * issue of bad input, and otherwise one problem about the whole request. An unexpected error (and
 * an output validation failure, whose issues describe the server's internals) says nothing but
 * the request id to report.
 */
export function problemsOf(error: TRPCError, requestId: string | null = null): Problem[] {
  if (error.cause instanceof DomainError) return [...error.cause.problems];
  // No database connection was free in time: the request did nothing (503, Retry-After).
  if (error.cause instanceof ServerBusy) return [{ reason: "server_busy", field: null, message: error.cause.message }];
  // Every limit's refusal has the one reason programs wait on (the answer carries Retry-After).
  if (error.cause instanceof RetryLater) return [{ reason: "rate_limited", field: null, message: error.cause.message }];
  if (error.code === "INTERNAL_SERVER_ERROR") return [unexpectedProblem(requestId)];
  if (error.code === "BAD_REQUEST" && error.cause instanceof ZodError && error.cause.issues.length > 0) {
    return error.cause.issues.map((issue) => ({
      reason: reasonOf(issue),
      field: fieldOf(issue.path),
      message: issue.message,
    }));
  }
  return [{ reason: error.code.toLowerCase(), field: null, message: error.message }];
}

/** The problems in one text, for a place that shows a single message. */
export function messageOf(problems: readonly Problem[]): string {
  return problems.map((each) => each.message).join(" ");
}
