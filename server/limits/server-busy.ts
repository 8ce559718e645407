import { RetryLater } from "./retry-later";

/**
 * The server had no database connection free for the request within the wait its pool allows
 * (CONNECTION_WAIT_MS, Prisma's `maxWait`): the request did nothing, and trying again shortly
 * will likely succeed. Answered 503 with Retry-After and the reason `server_busy`, not as an
 * unexpected error.
 */
export class ServerBusy extends RetryLater {
  constructor() {
    super(1000, "The portal is busy");
    this.name = "ServerBusy";
  }
}

// What `pg-pool` rejects with when no connection frees up in time (it sets no code), and what
// Prisma says when its interactive transaction cannot start in time (P2028, which also covers
// transactions misused once started: only this message means a wait for a connection).
const POOL_WAIT = "timeout exceeded when trying to connect";
const TRANSACTION_START = "Unable to start a transaction in the given time";

/**
 * Whether `error` (or an error it wraps: a cause, or a Prisma driver adapter's error) says a
 * request waited for a database connection longer than allowed. Only those; a statement that
 * failed on a connection it had is an ordinary error.
 */
export function waitedForConnection(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const { message, code, cause, meta } = current as {
      message?: unknown;
      code?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof message === "string") {
      if (message.includes(POOL_WAIT)) return true;
      if (code === "P2028" && message.includes(TRANSACTION_START)) return true;
    }
    pending.push(cause, meta?.driverAdapterError);
  }
  return false;
}
