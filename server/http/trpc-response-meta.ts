import type { TRPCError } from "@trpc/server";
import { retryAfterHeader } from "../limits/retry-after-header";
import { bearerChallenge } from "./error-body";
import type { ResolvedRequest } from "./resolve-request";

/**
 * The headers of the tRPC route's answer to `request`: Retry-After when a limit refused a call,
 * and for a program whose bearer credential does not hold, the WWW-Authenticate challenge that
 * RFC 6750 asks of every 401 (as /api/auth and /api/v1 send it).
 */
export function trpcResponseMeta(request: Pick<ResolvedRequest, "bearer" | "refusal">) {
  return ({ errors }: { errors: readonly TRPCError[] }): { headers?: Record<string, string> } => {
    const { headers } = retryAfterHeader({ errors });
    const refused = request.bearer && request.refusal?.status === "UNAUTHORIZED" ? request.refusal : null;
    if (!refused) return headers ? { headers } : {};
    return { headers: { ...headers, "WWW-Authenticate": bearerChallenge(refused.reason) } };
  };
}
