/**
 * A refusal that passes: the caller may try again after `retryAfterSeconds` (what an HTTP answer
 * puts in `Retry-After`). Limits throw it; the HTTP layer turns it into 429.
 */
export class RetryLater extends Error {
  readonly retryAfterSeconds: number;

  /** `reason` starts the message, which ends with the wait: "<reason>, try again in N s." */
  constructor(retryAfterMs: number, reason = "Too many attempts") {
    const seconds = retryAfterSecondsOf(retryAfterMs);
    super(`${reason}, try again in ${seconds} s.`);
    this.name = "RetryLater";
    this.retryAfterSeconds = seconds;
  }
}

/** Whole seconds to wait, rounded up and never 0: a client told 0 would retry at once. */
export function retryAfterSecondsOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
