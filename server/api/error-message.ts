import type { TRPCError } from "@trpc/server";
import { ZodError } from "zod";

/**
 * What a client is told about `error`: for bad input, the first problem in plain words; otherwise
 * the procedure's own message. An output validation failure also has a ZodError cause, but its
 * issues describe the server's internals, so only BAD_REQUEST explains itself.
 */
export function clientMessage(error: TRPCError): string {
  if (error.code === "BAD_REQUEST" && error.cause instanceof ZodError) {
    return error.cause.issues[0]?.message ?? error.message;
  }
  return error.message;
}

export function inputIssues(error: TRPCError): ZodError["issues"] | null {
  return error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause.issues : null;
}
