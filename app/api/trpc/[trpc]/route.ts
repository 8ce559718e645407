import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { stringifySetCookie } from "cookie";
import { crossSiteProblem } from "@/server/api/csrf";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { OPEN_AS_COOKIE, openAsFromCookie, requestCookie } from "@/server/auth/open-as";
import { readSession, SESSION_COOKIE } from "@/server/auth/session";
import { appDb } from "@/server/db/app-client";
import { requestClientIp } from "@/server/http/request-ip";
import { requestOrigin } from "@/server/http/request-origin";
import { LIMITS } from "@/server/limits/registry";
import { retryAfterHeader } from "@/server/limits/retry-after-header";
import { requestIdFrom } from "@/server/request-id";
import { resolveRequestHost } from "@/server/tenancy/request-host";

async function handler(request: Request) {
  const cookieHeader = request.headers.get("cookie");
  const token = requestCookie(cookieHeader, SESSION_COOKIE);
  const problem = crossSiteProblem(request, token !== undefined, requestOrigin(request.headers));
  if (problem) {
    return Response.json({ error: { message: problem, code: "FORBIDDEN" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // A batch runs its calls at once: an unbounded one would be a flood in a single request.
    maxBatchSize: LIMITS.trpcMaxBatchSize,
    responseMeta: retryAfterHeader,
    async createContext({ resHeaders }) {
      const host = await resolveRequestHost(request.headers.get("host"));
      const session = await readSession(token, host);
      return createTRPCContext({
        db: appDb(),
        host,
        session,
        ip: requestClientIp(request.headers),
        openAs: openAsFromCookie(requestCookie(cookieHeader, OPEN_AS_COOKIE), session?.userId),
        setCookie: (cookie) => resHeaders.append("Set-Cookie", stringifySetCookie(cookie)),
        requestId: requestIdFrom(request.headers),
        origin: requestOrigin(request.headers),
      });
    },
  });
}

export { handler as GET, handler as POST };
