/**
 * The typed tRPC client of the portal for a program: every request carries the access token as
 * `Authorization: Bearer` and the tenant as `X-Tenant`; a call refused because the token expired
 * is retried once with a refreshed token. Only that refusal is retried: the portal refuses a
 * credential before any procedure runs, so the retried call (a mutation too) has not happened yet.
 */
import { createTRPCClient, httpLink, isTRPCClientError, type Operation, retryLink } from "@trpc/client";
import { type AppRouter, transformer } from "voice-reseller-portal/client";
import type { Fetch } from "./fetch";
import type { AccessTokenSource } from "./token-keeper";

export type PortalClient = ReturnType<typeof createTRPCClient<AppRouter>>;

/** The machine-readable reason of a failed call (token_expired, missing_permission, ...), if any. */
export function reasonOf(error: unknown): string | null {
  return isTRPCClientError<AppRouter>(error) ? (error.data?.reason ?? null) : null;
}

export function portalClient(options: { baseUrl: string; tokens: AccessTokenSource; fetch: Fetch }): PortalClient {
  // Which token each call went out with, so a refusal invalidates that token and not a newer one.
  const sentWith = new WeakMap<Operation, string>();
  return createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry: ({ op, error, attempts }) =>
          attempts === 1 && reasonOf(error) === "token_expired" && options.tokens.rejected(sentWith.get(op)),
      }),
      httpLink({
        url: new URL("/api/trpc", options.baseUrl).href,
        transformer,
        fetch: options.fetch,
        headers: async ({ op }) => {
          const token = await options.tokens.accessToken();
          sentWith.set(op, token);
          return { authorization: `Bearer ${token}`, "x-tenant": options.tokens.tenant() };
        },
      }),
    ],
  });
}
