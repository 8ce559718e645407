import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { z } from "zod";
import { overviewStatement } from "@/server/accounts/overview";
import { transformer } from "@/server/api/transformer";
import { appDb } from "@/server/db/app-client";
import { readAsTenant } from "@/server/db/tenant-read";
import { env } from "@/server/env";

// Read per request, like the do-nothing route beside it.
export const dynamic = "force-dynamic";

const t = initTRPC.create({ transformer });

const floorRouter = t.router({
  /** One procedure with no middleware, no context and no database: tRPC's own cost per call. */
  noop: t.procedure.query(() => ({ ok: true })),
  /**
   * tRPC's floor plus the one round trip `account.current` makes (readAsTenant with `only`: the
   * request role, the tenant, row-level security, one message), and nothing else: no session, no
   * host, no limits, no mapping, no output validation. No correct `account.current` can cost less,
   * so its rate bounds what the real row can reach on this machine.
   */
  read: t.procedure.input(z.object({ accountId: z.uuid() })).query(({ input }) => {
    const statement = overviewStatement(input.accountId);
    return readAsTenant(appDb(), input.accountId, (read) => read(statement), { only: statement });
  }),
});

/**
 * The tRPC floor of `npm run bench:http`: the portal's fetch adapter and transformer around
 * procedures that do nothing or nothing but the database's part, so that the bench can tell tRPC's
 * and the database's share of a call from the portal's. Served only with BENCH_ROUTES=true; a 404
 * otherwise.
 */
export function GET(request: Request): Response | Promise<Response> {
  if (!env.BENCH_ROUTES) return new Response("Not found", { status: 404 });
  return fetchRequestHandler({ endpoint: "/api/bench/trpc", req: request, router: floorRouter });
}
