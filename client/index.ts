/**
 * The public entry for programs that call the portal through tRPC: the router's TYPE (erased when
 * compiled: a program imports no server code) and the transformer both ends must agree on.
 *
 *   import type { AppRouter } from "voice-reseller-portal/client";
 *   import { transformer } from "voice-reseller-portal/client";
 *
 * Every request carries `Authorization: Bearer <access token or API key>` and `X-Tenant: <slug>`;
 * a refused one fails with HTTP 401 and the machine-readable reason in the error's `data.reason`
 * (README, "API"). examples/reseller-program.ts is a complete program.
 */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";

export type { RefusalReason } from "../server/auth/principal";
export type { AppRouter };

/** The portal serialises with superjson (dates stay dates): give the same to `httpLink`/`httpBatchLink`. */
export const transformer = superjson;

/** What each procedure takes, e.g. `RouterInputs["accounts"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** What each procedure answers, e.g. `RouterOutputs["accounts"]["listChildren"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
