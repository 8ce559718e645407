import "server-only";
import { TRPCError } from "@trpc/server";

/**
 * A link page's refusal (unknown, expired, used or replaced link) as the sentence it shows; any
 * other error is not the link's and is thrown on to the error page.
 */
export function linkProblemOf(error: unknown): string {
  if (error instanceof TRPCError && ["NOT_FOUND", "CONFLICT", "BAD_REQUEST"].includes(error.code)) return error.message;
  throw error;
}
