/**
 * The one tRPC init file, in three parts:
 * 1. CONTEXT: who is asking (session), on which brand's host, with which database client.
 * 2. INIT: tRPC itself, superjson (with a shortcut for plain JSON), error shape, the `meta` every
 *    procedure must declare.
 * 3. PROCEDURES: the ladder public -> authed -> tenant(permission) -> reseller(permission).
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { PrismaClient } from "@/server/db/types";
import type { Actor } from "../audit/record";
import type { OpenAsCookie } from "../auth/open-as";
import { isKeyScope, type Permission } from "../auth/permissions";
import { type AuthRefusal, type Principal, refusal } from "../auth/principal";
import { resolvePrincipal } from "../auth/resolve-principal";
import { type PendingSession, pendingTenant, sessionCheckSql, settlePendingSession } from "../auth/session-check";
import { poolReader } from "../db/sql-reader";
import { type TenantDb, withTenant } from "../db/tenant";
import { readAsTenant, type TenantReader } from "../db/tenant-read";
import { Prisma } from "../db/types";
import { DomainError, problem } from "../domain-error";
import type { ResolvedRequest } from "../http/resolve-request";
import { RetryLater } from "../limits/retry-later";
import { ServerBusy, waitedForConnection } from "../limits/server-busy";
import { tenantWorkGate } from "../limits/tenant-work";
import { requestLogger } from "../log";
import { newRequestId } from "../request-id";
import type { HostResolution } from "../tenancy/host-resolver";
import { messageOf, problemsOf } from "./error-message";
import { transformer } from "./transformer";

// 1. CONTEXT ---------------------------------------------------------------------------------------

export type TRPCContext = {
  /** The request-role client; procedures below `tenantProcedure` get a scoped one instead. */
  db: PrismaClient;
  host: HostResolution;
  ip: string | null;
  /** Who acts, for which tenant, with what permissions (server/http/resolve-request.ts). */
  principal: Principal | null;
  /** Why the request's credentials grant nothing, when they were presented and do not hold. */
  refusal: AuthRefusal | null;
  /**
   * A session cookie not yet checked against the database (the tRPC route defers it): a tenant
   * procedure checks it in the message that begins its transaction, any other authed one first.
   */
  pending: PendingSession | null;
  /** Sets a cookie on the response (how "open as" starts and ends). */
  setCookie: (cookie: OpenAsCookie) => void | Promise<void>;
  /** Names the request in logs and in the answer to an unexpected error. */
  requestId: string;
  /**
   * The request's origin (scheme://host:port, server/http/request-origin.ts), from which mailed
   * links take their scheme and port; null when the caller has no request (scripts).
   */
  origin: string | null;
  /**
   * The request's `Idempotency-Key` header, as sent (checked by the procedure that takes one, with
   * the same rule as an `idempotencyKey` input); null when absent.
   */
  idempotencyKey: string | null;
};

/**
 * The context of a resolved request (server/http/resolve-request.ts). A caller that gives no way
 * to set cookies cannot start or end "open as".
 */
export function createTRPCContext(
  db: PrismaClient,
  request: Pick<ResolvedRequest, "host" | "ip" | "principal" | "refusal" | "requestId"> &
    Partial<Pick<ResolvedRequest, "pending">> & { origin: string | null; idempotencyKey?: string | null },
  setCookie?: TRPCContext["setCookie"],
): TRPCContext {
  return {
    db,
    host: request.host,
    ip: request.ip,
    principal: request.principal,
    refusal: request.refusal,
    pending: request.pending ?? null,
    requestId: request.requestId,
    origin: request.origin,
    idempotencyKey: request.idempotencyKey ?? null,
    setCookie:
      setCookie ??
      (() => {
        throw new Error("this caller cannot set cookies");
      }),
  };
}

/**
 * The context of a request as the route handlers build it: a program's credential that does not
 * hold stops the request here, before any procedure runs, with its reason (token_expired,
 * tenant_mismatch, ...). A browser's refused cookie does not: public procedures (the sign-in page)
 * still answer, and authed ones refuse with the same reason.
 */
export function contextOfRequest(
  db: PrismaClient,
  request: Parameters<typeof createTRPCContext>[1] & Pick<ResolvedRequest, "bearer">,
  setCookie?: TRPCContext["setCookie"],
): TRPCContext {
  if (request.bearer && request.refusal) throw refusalError(request.refusal);
  return createTRPCContext(db, request, setCookie);
}

/**
 * A refusal of credentials as tRPC says it, with its machine-readable reason; a limit's refusal
 * carries its wait (RetryLater), which the route answers as Retry-After.
 */
export function refusalError(refused: AuthRefusal): TRPCError {
  if (refused.retryAfterSeconds !== undefined) {
    const wait = new RetryLater(refused.retryAfterSeconds * 1000, "Too many requests");
    return new TRPCError({ code: "TOO_MANY_REQUESTS", message: wait.message, cause: wait });
  }
  return new TRPCError({
    code: refused.status,
    message: refused.message,
    cause: new DomainError(refused.status, problem(refused.reason, refused.message)),
  });
}

// 2. INIT ------------------------------------------------------------------------------------------

export type Tenancy = "public" | "authed" | "tenant" | "reseller" | "operator";
/**
 * What every procedure declares: its tenancy (set by the procedure ladder below; the isolation
 * harness fails a procedure without it), for tenant and reseller procedures the permission they
 * need (so tests and documentation can tell, from the router alone, what a role or an API key's
 * scopes may call), and with `openapi` its place on the REST face (server/api/rest/, /api/v1).
 */
export type ProcedureMeta = OpenApiMeta<{ tenancy?: Tenancy; permission?: Permission }>;

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
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
 * rule's own code and words, and a request that found no database connection free in time a
 * SERVICE_UNAVAILABLE (503) with Retry-After. It runs after the tenant transaction has rolled back.
 */
const domainErrors = t.middleware(async ({ ctx, path, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const { code, message } = result.error.cause;
    throw new TRPCError({ code, message, cause: result.error.cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && waitedForConnection(result.error.cause)) {
    requestLogger(ctx.requestId).warn({ path }, "no database connection was free in time: answered 503");
    throw busyError();
  }
  return result;
});

/** SERVICE_UNAVAILABLE for a request that waited too long for a database connection. */
export function busyError(): TRPCError {
  const busy = new ServerBusy();
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: busy.message, cause: busy });
}

/** A limit's refusal as tRPC says it: TOO_MANY_REQUESTS, 429 (the route adds Retry-After). */
async function withinLimits<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RetryLater)) throw error;
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
  }
}

/**
 * A signed-in request runs in one of its tenant's few turns on this server (server/limits), taken
 * before anything touches the database: a flooding tenant's excess is refused without using the
 * pool the other tenants need. The tenant is the signed-in user's account.
 */
const fairShare = t.middleware(({ ctx, next }) => {
  // A pending session's account is the one its signed cookie names; the turn only shares out work.
  const home = ctx.principal?.home.id ?? ctx.pending?.session.accountId;
  if (!home) return next();
  return withinLimits(() => tenantWorkGate().takeTurn(home, () => next()));
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

/**
 * A request with a principal: a live session, a valid access token or a live API key, on a host
 * the actor's account may use, with the account and every account above it active, and (when the
 * request acts for an account below) that account still open to the actor. All of it was decided
 * when the request was resolved, or is decided here for a session the route left pending.
 */
export const authedProcedure = publicProcedure.meta({ tenancy: "authed" }).use(async ({ ctx, next }) => {
  const principal = ctx.principal ?? (await settledPrincipal(ctx));
  if (!principal) throw refusalError(ctx.refusal ?? refusal("unauthenticated"));
  return next({ ctx: { principal } });
});

/** A pending session's principal, checked on its own (a procedure that begins no tenant transaction). */
async function settledPrincipal(ctx: TRPCContext): Promise<Principal | null> {
  if (!ctx.pending) return null;
  const { session, openAs, host } = ctx.pending;
  const settled = await resolvePrincipal(poolReader(ctx.db), host, { kind: "session", session, openAs }, ctx.ip);
  if (!settled.principal) throw refusalError(settled.refusal ?? refusal("session_ended"));
  return settled.principal;
}

/** An authed procedure only a person may call (their profile, their password): not a key. */
export const userProcedure = authedProcedure.use(({ ctx, next }) => {
  const { actor } = ctx.principal;
  if (actor.kind !== "user") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only a person can do this, not an API key.",
      cause: new DomainError("FORBIDDEN", problem("user_only", "Only a person can do this, not an API key.")),
    });
  }
  return next({ ctx: { user: actor } });
});

/** Refuses a principal the permission does not admit: FORBIDDEN with its reason. */
function authorize(principal: Principal, permission: Permission): void {
  if (principal.actor.kind === "key" && !isKeyScope(permission)) {
    // Nothing a key may hold grants this (managing keys): only a person can do it.
    const message = "Only a person can do this, not an API key.";
    throw new TRPCError({
      code: "FORBIDDEN",
      message,
      cause: new DomainError("FORBIDDEN", problem("user_only", message)),
    });
  }
  if (!principal.permissions.has(permission)) {
    const message =
      principal.actor.kind === "key"
        ? `This API key does not have the ${permission} scope.`
        : `Your role cannot do this (${permission}).`;
    throw new TRPCError({
      code: "FORBIDDEN",
      message,
      cause: new DomainError("FORBIDDEN", problem("missing_permission", message)),
    });
  }
}

/**
 * Admits a request to its tenant's transaction and runs `work` in it. `begin` opens the transaction
 * (withTenant, or readAsTenant for procedures that only read) as the tenant, with `check` in the
 * same message when there is one.
 *
 * A principal already resolved is authorized and counted before the transaction begins. A session
 * the route left pending is checked in the message that begins the transaction
 * (server/auth/session-check.ts): BEGIN, the tenant its cookie names and `app_session` travel
 * together, and `work` runs only once that answer is a principal allowed `permission` for that very
 * tenant; otherwise the transaction rolls back having read nothing.
 */
async function runAsTenant<Handle, Result>(
  ctx: TRPCContext,
  permission: Permission,
  begin: (
    tenant: string,
    work: (handle: Handle, checked: unknown) => Promise<NoInfer<Result>>,
    options: { check?: string },
  ) => Promise<NoInfer<Result>>,
  work: (principal: Principal, handle: Handle) => Promise<Result>,
): Promise<Result> {
  // Counted once the principal is known to hold, in the turn fairShare took.
  const count = (principal: Principal) => withinLimits(() => tenantWorkGate().countRequest(ctx.db, principal.home.id));

  const { principal, pending } = ctx;
  if (principal) {
    authorize(principal, permission);
    await count(principal);
    return begin(principal.tenant.id, (handle) => work(principal, handle), {});
  }
  if (!pending) throw refusalError(ctx.refusal ?? refusal("unauthenticated"));
  const tenant = pendingTenant(pending);
  return begin(
    tenant,
    async (handle, checked) => {
      const settled = settlePendingSession(pending, checked);
      if (!settled.principal) throw refusalError(settled.refusal ?? refusal("session_ended"));
      if (settled.principal.tenant.id !== tenant) {
        throw new Error("a session's principal runs as another tenant than its transaction began with");
      }
      authorize(settled.principal, permission);
      await count(settled.principal);
      return work(settled.principal, handle);
    },
    { check: sessionCheckSql(pending) },
  );
}

/**
 * Runs the rest of the request in one transaction scoped to the principal's tenant: `ctx.db` is
 * that transaction and row-level security admits only this tenant's rows. tRPC turns errors into
 * results, so a failed result is rethrown here, or the transaction would commit a failed request.
 */
export function tenantProcedure(permission: Permission) {
  return publicProcedure.meta({ tenancy: "tenant", permission }).use(({ ctx, next }) => {
    const work = async (principal: Principal, tx: TenantDb) => {
      const result = await next({ ctx: { db: tx, accountId: principal.tenant.id, principal } });
      if (!result.ok) throw result.error;
      return result;
    };
    return runAsTenant(ctx, permission, (tenant, run, options) => withTenant(ctx.db, tenant, run, options), work);
  });
}

/**
 * A tenant procedure that only reads, through `ctx.read` (server/db/tenant-read.ts): the same
 * tenant transaction, role and row-level security as tenantProcedure's, without Prisma's
 * interactive transaction, for the calls made on nearly every request. It has no `ctx.db`.
 *
 * `first`: a statement the procedure reads first, from its tenant alone (only UUIDs among its
 * values): it travels with BEGIN and the session check, and the procedure gets its rows once it is
 * admitted. `only`: the one statement the procedure reads; the whole transaction then travels in
 * one message, and the procedure can read nothing else.
 */
export function tenantReadProcedure(
  permission: Permission,
  declared: { first?: (tenant: string) => Prisma.Sql; only?: (tenant: string) => Prisma.Sql } = {},
) {
  return publicProcedure.meta({ tenancy: "tenant", permission }).use(({ ctx, next }) => {
    const work = async (principal: Principal, read: TenantReader) => {
      const result = await next({ ctx: { db: undefined, read, accountId: principal.tenant.id, principal } });
      if (!result.ok) throw result.error;
      return result;
    };
    return runAsTenant(
      ctx,
      permission,
      (tenant, run, options) =>
        readAsTenant(ctx.db, tenant, run, {
          ...options,
          first: declared.first?.(tenant),
          only: declared.only?.(tenant),
        }),
      work,
    );
  });
}

/** Refuses a tenant that is not a reseller (or that its transaction cannot see). */
function requireReseller(self: { isReseller: boolean } | undefined | null): void {
  if (!self?.isReseller) throw new TRPCError({ code: "FORBIDDEN", message: "Only reseller accounts can do this." });
}

/** A tenant procedure for resellers: acts on accounts below the signed-in one. */
export function resellerProcedure(permission: Permission) {
  return tenantProcedure(permission)
    .meta({ tenancy: "reseller" })
    .use(async ({ ctx, next }) => {
      requireReseller(await ctx.db.account.findFirst({ where: { id: ctx.accountId }, select: { isReseller: true } }));
      return next();
    });
}

/** Whether the tenant is a reseller: the first read of every reseller read procedure. */
const resellerCheck = (tenant: string) =>
  Prisma.sql`SELECT is_reseller AS "isReseller" FROM accounts WHERE id = ${tenant}::uuid`;

/**
 * A reseller procedure that only reads, through `ctx.read` (see tenantReadProcedure). Its reseller
 * check travels with BEGIN, one round trip less.
 */
export function resellerReadProcedure(permission: Permission) {
  return tenantReadProcedure(permission, { first: resellerCheck })
    .meta({ tenancy: "reseller" })
    .use(async ({ ctx, next }) => {
      const [self] = await ctx.read<{ isReseller: boolean }>(resellerCheck(ctx.accountId));
      requireReseller(self);
      return next();
    });
}

/** Who acts in a tenant procedure, as services and audit entries take it: a user or a key. */
export function actorOf(ctx: { accountId: string; principal: Principal; ip: string | null }): Actor {
  const { actor, home } = ctx.principal;
  return {
    accountId: ctx.accountId,
    userAccountId: home.id,
    userId: actor.kind === "user" ? actor.userId : null,
    keyId: actor.kind === "key" ? actor.keyId : null,
    ip: ctx.ip,
  };
}
