import type { TRPCError } from "@trpc/server";
import { RetryLater } from "./retry-later";

/**
 * The `Retry-After` header for a tRPC answer whose calls were refused by a limit (the longest
 * wait among them), as the fetch adapter's `responseMeta` takes it. tRPC itself answers such a
 * call 429 (TOO_MANY_REQUESTS).
 */
export function retryAfterHeader({ errors }: { errors: readonly TRPCError[] }): { headers?: Record<string, string> } {
  const waits = errors.flatMap((error) => (error.cause instanceof RetryLater ? [error.cause.retryAfterSeconds] : []));
  return waits.length > 0 ? { headers: { "Retry-After": String(Math.max(...waits)) } } : {};
}
