import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { crossSiteProblem } from "@/server/api/csrf";
import { appRouter } from "@/server/api/root";
import { createTRPCContext } from "@/server/api/trpc";
import { readSession, SESSION_COOKIE } from "@/server/auth/session";
import { appDb } from "@/server/db/app-client";
import { resolveRequestHost } from "@/server/tenancy/request-host";

function sessionCookie(request: Request): string | undefined {
  const cookie = request.headers.get("cookie");
  if (!cookie) return undefined;
  for (const part of cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

async function handler(request: Request) {
  const token = sessionCookie(request);
  const problem = crossSiteProblem(request, token !== undefined);
  if (problem) {
    return Response.json({ error: { message: problem, code: "FORBIDDEN" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    async createContext() {
      const host = await resolveRequestHost(request.headers.get("host"));
      return createTRPCContext({
        db: appDb(),
        host,
        session: await readSession(token, host),
        ip: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
      });
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed`, error);
    },
  });
}

export { handler as GET, handler as POST };
