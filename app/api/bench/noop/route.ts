import { env } from "@/server/env";

// Read per request: the benchmark compares the real routes with a route that does nothing.
export const dynamic = "force-dynamic";

/**
 * The do-nothing route of `npm run bench:http`: it passes the portal's middleware like every
 * route, then answers at once. Served only with BENCH_ROUTES=true; a 404 otherwise.
 */
export function GET(): Response {
  if (!env.BENCH_ROUTES) return new Response("Not found", { status: 404 });
  return new Response("ok", { headers: { "Cache-Control": "no-store" } });
}
