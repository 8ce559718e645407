import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { messageOf, problemsOf } from "./error-message";

type Code = TRPCError["code"];

/**
 * For a page whose data comes from a stale or hand-edited link: turns bad input, and the codes in
 * `explain`, into a message the page shows instead of failing. `explain` gives each code its
 * sentence, or null for the procedure's own message. Anything else is rethrown.
 */
export function problemFor(error: unknown, explain: Partial<Record<Code, string | null>>): { problem: string } {
  if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code in explain)) {
    return { problem: explain[error.code] ?? messageOf(problemsOf(error)) };
  }
  throw error;
}

/**
 * For a page about one account named in its URL: when the procedure refuses with one of `codes`
 * (not yours, not an id, ...), the page does not exist for this user; Next renders its 404.
 */
export function notFoundOn(error: unknown, codes: readonly Code[]): void {
  if (error instanceof TRPCError && codes.includes(error.code)) notFound();
}
