import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { stringifySetCookie } from "cookie";
import { crossSiteProblem } from "@/server/api/csrf";
import { appRouter } from "@/server/api/root";
import { busyError, contextOfRequest } from "@/server/api/trpc";
import { requestCookie } from "@/server/auth/open-as";
import { SESSION_COOKIE } from "@/server/auth/session";
import { appDb } from "@/server/db/app-client";
import { problem as problemOf } from "@/server/domain-error";
import { errorResponse } from "@/server/http/error-body";
import { resolvePortalRequest } from "@/server/http/portal-request";
import { trpcResponseMeta } from "@/server/http/trpc-response-meta";
import { LIMITS } from "@/server/limits/registry";
import { retryAfterHeader } from "@/server/limits/retry-after-header";
import { waitedForConnection } from "@/server/limits/server-busy";
import { requestLogger } from "@/server/log";
import { requestIdFrom } from "@/server/request-id";

async function handler(request: Request) {
  const cookieHeader = request.headers.get("cookie");
  // A session cookie is checked by the procedure: a tenant procedure in the round trip that
  // begins its transaction (server/auth/session-check.ts), saving one per request.
  const resolved = await resolvePortalRequest(
    { headers: request.headers, cookie: (name) => requestCookie(cookieHeader, name) },
    "any",
    { deferSession: true },
  ).catch((error: unknown) => {
    // A key's or token's lookup found no database connection free in time: busy, not broken.
    if (waitedForConnection(error)) return null;
    throw error;
  });
  if (!resolved) {
    const requestId = requestIdFrom(request.headers);
    requestLogger(requestId).warn("no database connection was free in time for the lookup: answered 503");
    const busy = busyError();
    return errorResponse(
      busy.code,
      [problemOf("server_busy", busy.message)],
      requestId,
      retryAfterHeader({ errors: [busy] }).headers ?? {},
    );
  }
  // Only a request that rides on the session cookie can be forged by another site; a bearer
  // credential is never sent by a browser on its own.
  const rideOnCookie = !resolved.bearer && requestCookie(cookieHeader, SESSION_COOKIE) !== undefined;
  const problem = crossSiteProblem(request, rideOnCookie, resolved.origin);
  if (problem) {
    return Response.json({ error: { message: problem, code: "FORBIDDEN" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // A batch runs its calls at once: an unbounded one would be a flood in a single request.
    maxBatchSize: LIMITS.trpcMaxBatchSize,
    responseMeta: trpcResponseMeta(resolved),
    createContext: ({ resHeaders }) =>
      contextOfRequest(appDb(), { ...resolved, idempotencyKey: request.headers.get("idempotency-key") }, (cookie) =>
        resHeaders.append("Set-Cookie", stringifySetCookie(cookie)),
      ),
  });
}

export { handler as GET, handler as POST };
