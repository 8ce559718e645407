import { DomainError, problem } from "../domain-error";

/** The SQLSTATE app_keep_an_active_owner() raises (migration 20261130020000). */
const LAST_OWNER_SQLSTATE = "LO001";

export const LAST_OWNER_MESSAGE = "An account needs at least one active owner: make someone else an owner first.";

/** Whether `error` is the database's refusal to leave an account without an active owner. */
export function isLastOwnerRefusal(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return false;
    const candidate = current as { originalCode?: unknown; cause?: unknown; meta?: unknown };
    if (candidate.originalCode === LAST_OWNER_SQLSTATE) return true;
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return false;
}

/**
 * Runs `work` and turns the database's last-owner refusal into the `last_owner` problem (CONFLICT:
 * the request is allowed, the account's state refuses it) at `field`; other errors pass through.
 */
export async function withLastOwnerRule<T>(work: () => Promise<T>, field: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isLastOwnerRefusal(error)) throw error;
    throw new DomainError("CONFLICT", problem("last_owner", LAST_OWNER_MESSAGE, field));
  }
}
