import { z } from "zod";
import { DomainError, problem } from "../domain-error";

/** The SQLSTATE app_enforce_api_key_limit() raises (migration 20261130100000). */
const KEY_LIMIT_SQLSTATE = "AK001";

const LimitDetail = z.object({ limit: z.number().int() });

/** The database's refusal of a key over the live-key limit, wherever the driver put it. */
function keyLimitOf(error: unknown): number | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as { originalCode?: unknown; detail?: unknown; cause?: unknown; meta?: unknown };
    if (candidate.originalCode === KEY_LIMIT_SQLSTATE && typeof candidate.detail === "string") {
      const parsed = LimitDetail.safeParse(JSON.parse(candidate.detail));
      return parsed.success ? parsed.data.limit : null;
    }
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}

/** Runs `work`, turning the live-key limit's refusal into the `key_limit` problem. */
export async function withKeyLimit<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const limit = keyLimitOf(error);
    if (limit === null) throw error;
    throw new DomainError(
      "FORBIDDEN",
      problem(
        "key_limit",
        `An account has at most ${limit} keys in use; revoke one you no longer need to make another.`,
      ),
    );
  }
}
