import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { transformer } from "@/server/api/transformer";
import { env } from "@/server/env";

// Read per request, like the do-nothing route beside it.
export const dynamic = "force-dynamic";

const t = initTRPC.create({ transformer });

/** One procedure with no middleware, no context and no database: tRPC's own cost per call. */
const floorRouter = t.router({ noop: t.procedure.query(() => ({ ok: true })) });

/**
 * The tRPC floor of `npm run bench:http`: the portal's fetch adapter and transformer around a
 * procedure that does nothing, so that the bench can tell tRPC's own share of a call from the
 * portal's. Served only with BENCH_ROUTES=true; a 404 otherwise.
 */
export function GET(request: Request): Response | Promise<Response> {
  if (!env.BENCH_ROUTES) return new Response("Not found", { status: 404 });
  return fetchRequestHandler({ endpoint: "/api/bench/trpc", req: request, router: floorRouter });
}
