"use client";

import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

/**
 * The typed tRPC client for the few browser actions that go straight to the API: the same
 * procedures programs call, on the page's own host, with the session cookie.
 */
export const browserTrpc = createTRPCClient<AppRouter>({
  links: [httpLink({ url: "/api/trpc", transformer: superjson })],
});

/** The message a refused call carries; anything else is rethrown. */
export function refusalMessage(error: unknown): string {
  if (error instanceof TRPCClientError) return error.message;
  throw error;
}
