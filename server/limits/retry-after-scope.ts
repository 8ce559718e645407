import { AsyncLocalStorage } from "node:async_hooks";
import type { RetryLater } from "./retry-later";

type Scope = { retryAfterSeconds: number | null };

const scopes = new AsyncLocalStorage<Scope>();

/**
 * Runs `work` (a request handler we do not write, such as next-auth's) so that a RetryLater met
 * deep inside it can still set the HTTP answer: `retryAfterSeconds` is the longest wait noted.
 */
export async function withRetryAfterScope<T>(
  work: () => Promise<T>,
): Promise<{ result: T; retryAfterSeconds: number | null }> {
  const scope: Scope = { retryAfterSeconds: null };
  const result = await scopes.run(scope, work);
  return { result, retryAfterSeconds: scope.retryAfterSeconds };
}

/** Notes a refusal for the HTTP answer of the request in progress, if any is listening. */
export function noteRetryLater(refusal: RetryLater): void {
  const scope = scopes.getStore();
  if (scope) scope.retryAfterSeconds = Math.max(scope.retryAfterSeconds ?? 0, refusal.retryAfterSeconds);
}
