import { env } from "@/server/env";

export const dynamic = "force-dynamic";

/** What `global.gc` is when Node runs with --expose-gc (the memory benchmark starts it so). */
type Collect = () => void;

/**
 * The server's memory for `npm run bench:http -- --memory`: after a full garbage collection when
 * the server runs with --expose-gc, so that what is left is what the server keeps, not garbage
 * it has not collected yet. Served only with BENCH_ROUTES=true; a 404 otherwise.
 */
export function GET(): Response {
  if (!env.BENCH_ROUTES) return new Response("Not found", { status: 404 });
  const collect = (globalThis as { gc?: Collect }).gc;
  collect?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return Response.json(
    { collected: collect !== undefined, rss, heapUsed, heapTotal, external },
    { headers: { "Cache-Control": "no-store" } },
  );
}
