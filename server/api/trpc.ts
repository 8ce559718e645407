/**
 * The one tRPC init file, in three parts:
 * 1. CONTEXT: who is asking (session), on which brand's host, with which database client.
 * 2. INIT: tRPC itself, superjson, error shape, the `meta` every procedure must declare.
 * 3. PROCEDURES: the ladder public -> authed -> tenant(permission) -> reseller(permission).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { PrismaClient } from "@/server/db/types";
import type { Actor } from "../audit/record";
import { OPENED_ACCOUNT_GONE, type OpenAsCookie } from "../auth/open-as";
import { type Permission, roleHas } from "../auth/permissions";
import type { PortalSession } from "../auth/session";
import { liveSession } from "../auth/session-store";
import { withTenant } from "../db/tenant";
import { DomainError } from "../domain-error";
import { RetryLater } from "../limits/retry-later";
import { tenantWorkGate } from "../limits/tenant-work";
import { requestLogger } from "../log";
import { newRequestId } from "../request-id";
import type { HostResolution } from "../tenancy/host-resolver";
import { messageOf, problemsOf } from "./error-message";

// 1. CONTEXT ---------------------------------------------------------------------------------------

export type TRPCContext = {
  /** The request-role client; procedures below `tenantProcedure` get a scoped one instead. */
  db: PrismaClient;
  host: HostResolution;
  session: PortalSession | null;
  ip: string | null;
  /** The account below the user's own that the user opened ("open as"), as the request asks. */
  openAs: string | null;
  /** Sets a cookie on the response (how "open as" starts and ends). */
  setCookie: (cookie: OpenAsCookie) => void | Promise<void>;
  /** Names the request in logs and in the answer to an unexpected error. */
  requestId: string;
  /**
   * The request's origin (scheme://host:port, server/http/request-origin.ts), from which mailed
   * links take their scheme and port; null when the caller has no request (tests, scripts).
   */
  origin: string | null;
};

export type TRPCContextInput = Omit<TRPCContext, "openAs" | "setCookie" | "requestId" | "origin"> &
  Partial<Pick<TRPCContext, "openAs" | "setCookie" | "requestId" | "origin">>;

/**
 * Builds the context from what the route handler (or a test) already knows about the request. A
 * caller that gives no way to set cookies cannot start or end "open as".
 */
export function createTRPCContext(input: TRPCContextInput): TRPCContext {
  return {
    openAs: null,
    origin: null,
    setCookie: () => {
      throw new Error("this caller cannot set cookies");
    },
    ...input,
    requestId: input.requestId ?? newRequestId(),
  };
}

// 2. INIT ------------------------------------------------------------------------------------------

export type Tenancy = "public" | "authed" | "tenant" | "reseller" | "operator";
export type ProcedureMeta = { tenancy: Tenancy };

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    /**
     * Errors are data: every problem with its reason and field, the first one's as `reason` and
     * `field`, and the request id. An unexpected error says only "something went wrong" and the
     * request id; what went wrong is logged under that id. No stack, in any mode.
     */
    errorFormatter({ shape, error, ctx, path, type }) {
      const requestId = ctx?.requestId ?? newRequestId();
      if (error.code === "INTERNAL_SERVER_ERROR") {
        requestLogger(requestId).error({ err: error.cause ?? error, path, type }, "request failed");
      }
      const problems = problemsOf(error, requestId);
      const [first] = problems;
      return {
        code: shape.code,
        message: messageOf(problems),
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          reason: first?.reason ?? null,
          field: first?.field ?? null,
          problems,
          requestId,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. PROCEDURES ------------------------------------------------------------------------------------

/**
 * Outermost: a broken business rule (DomainError) from a service becomes a TRPCError with the
 * rule's own code and words. It runs after the tenant transaction has rolled back.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const { code, message } = result.error.cause;
    throw new TRPCError({ code, message, cause: result.error.cause });
  }
  return result;
});

/** A limit's refusal as tRPC says it: TOO_MANY_REQUESTS, 429 (the route adds Retry-After). */
async function withinLimits<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (refusal) {
    if (!(refusal instanceof RetryLater)) throw refusal;
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: refusal.message, cause: refusal });
  }
}

/**
 * A signed-in request runs in one of its tenant's few turns on this server (server/limits), taken
 * before anything touches the database: a flooding tenant's excess is refused without using the
 * pool the other tenants need. The tenant is the signed-in user's account.
 */
const fairShare = t.middleware(({ ctx, next }) => {
  const session = ctx.session;
  if (!session) return next();
  return withinLimits(() => tenantWorkGate().takeTurn(session.accountId, () => next()));
});

/** Any request on a known host (platform or brand). Unknown hosts get NOT_FOUND. */
export const publicProcedure = t.procedure
  .use(domainErrors)
  .use(fairShare)
  .meta({ tenancy: "public" })
  .use(({ ctx, next }) => {
    if (ctx.host.kind === "unknown") throw new TRPCError({ code: "NOT_FOUND", message: "Unknown portal address." });
    return next({ ctx: { host: ctx.host } });
  });

/** The person behind a request, whatever account they have open. */
export type Viewer = { userId: string; email: string; name: string; accountId: string; accountName: string };
export type OpenedAccount = { id: string; slug: string; name: string };

/**
 * Signed in with a session that has not ended, on a host the user's account may use
 * (accountAllowedOnHost, the sign-in rule), with the account and every account above it active:
 * `app_session` answers no row otherwise, in the one query this makes. An account the user opened
 * ("open as") must still be below theirs, not closed, and their role must still allow it;
 * otherwise the request fails rather than quietly acting as the user's own account.
 */
export const authedProcedure = publicProcedure.meta({ tenancy: "authed" }).use(async ({ ctx, next }) => {
  const session = ctx.session;
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  const account = await liveSession(ctx.db, session, ctx.host, ctx.openAs);
  if (!account) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid. Sign in again." });
  }
  let openedAs: OpenedAccount | null = null;
  if (ctx.openAs) {
    // Gone, closed, or the user's role no longer opens accounts: one refusal, one way back.
    const { open_as_id: id, open_as_slug: slug, open_as_name: name } = account;
    if (!id || !slug || !name || account.open_as_status === "closed" || !roleHas(account.role, "accounts:open")) {
      throw new TRPCError({ code: "FORBIDDEN", message: OPENED_ACCOUNT_GONE });
    }
    openedAs = { id, slug, name };
  }
  const viewer: Viewer = {
    userId: session.userId,
    email: account.email,
    name: account.user_name,
    accountId: session.accountId,
    accountName: account.account_name,
  };
  return next({
    ctx: { session: { ...session, role: account.role }, ancestors: account.ancestors, viewer, openedAs },
  });
});

/**
 * Runs the rest of the request in one transaction scoped to the signed-in account: `ctx.db` is
 * that transaction and row-level security admits only this tenant's rows. tRPC turns errors into
 * results, so a failed result is rethrown here, or the transaction would commit a failed request.
 */
export function tenantProcedure(permission: Permission) {
  return authedProcedure.meta({ tenancy: "tenant" }).use(async ({ ctx, next }) => {
    if (!roleHas(ctx.session.role, permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `Your role cannot do this (${permission}).` });
    }
    // Counted once the session is known to be valid, in the turn fairShare took.
    await withinLimits(() => tenantWorkGate().countRequest(ctx.db, ctx.session.accountId));
    // The opened account when the user opened one, else their own.
    const accountId = ctx.openedAs?.id ?? ctx.session.accountId;
    return withTenant(ctx.db, accountId, async (tx) => {
      const result = await next({ ctx: { db: tx, accountId } });
      if (!result.ok) throw result.error;
      return result;
    });
  });
}

/** A tenant procedure for resellers: acts on accounts below the signed-in one. */
export function resellerProcedure(permission: Permission) {
  return tenantProcedure(permission)
    .meta({ tenancy: "reseller" })
    .use(async ({ ctx, next }) => {
      const self = await ctx.db.account.findFirst({
        where: { id: ctx.accountId },
        select: { isReseller: true },
      });
      if (!self?.isReseller) {
        throw new TRPCError({ code: "FORBIDDEN", message: "Only reseller accounts can do this." });
      }
      return next();
    });
}

/** The acting user of a tenant procedure, as services and audit entries take it. */
export function actorOf(ctx: { accountId: string; session: PortalSession; ip: string | null }): Actor {
  return { accountId: ctx.accountId, userId: ctx.session.userId, userAccountId: ctx.session.accountId, ip: ctx.ip };
}
