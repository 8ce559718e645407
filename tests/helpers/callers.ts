import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/generated/prisma/client";
import { createCaller } from "@/server/api/root";
import { createTRPCContext, type TRPCContext } from "@/server/api/trpc";
import { brandKey, type PortalSession } from "@/server/auth/session";
import { startSession } from "@/server/auth/session-store";
import {
  type HostBrand,
  type HostResolution,
  hostResolutionOf,
  type ResolvedHostRow,
} from "@/server/tenancy/host-resolver";

const PLATFORM_HOST: HostBrand = { kind: "platform", hostname: "localhost" };

/** The development names the test resolvers count as verified, as the portal's default does. */
const DEVELOPMENT_SUFFIXES = ["localhost"];

/** How the resolver would answer `hostname` (the same SQL function, the same rule). */
async function resolveHost(app: PrismaClient, hostname: string): Promise<HostResolution> {
  const [row] = await app.$queryRaw<ResolvedHostRow[]>`SELECT * FROM app_resolve_host(${hostname})`;
  return hostResolutionOf(hostname, row, DEVELOPMENT_SUFFIXES);
}

/** The brand host `hostname` as the resolver would answer it; fails the test when it serves no brand. */
export async function brandHostNamed(app: PrismaClient, hostname: string): Promise<HostBrand> {
  const resolution = await resolveHost(app, hostname);
  if (resolution.kind !== "brand") throw new Error(`${hostname} is not a brand host`);
  return resolution;
}

/**
 * Where the users of `accountId` sign in: the platform for a platform-direct account, else the
 * primary brand host of the nearest account of its chain (itself included) that has one that
 * serves (a domain not yet verified does not).
 */
export async function homeHost(app: PrismaClient, accountId: string): Promise<HostBrand> {
  const chain = await app.$queryRaw<{ depth: number; brand_domain: string | null }[]>`
    SELECT depth, brand_domain FROM app_branding_chain(${accountId}::uuid) ORDER BY depth`;
  if (chain.length <= 1) return PLATFORM_HOST;
  for (const { brand_domain: hostname } of chain) {
    if (!hostname) continue;
    const resolution = await resolveHost(app, hostname);
    if (resolution.kind === "brand") return resolution;
  }
  throw new Error(`no account above ${accountId} has a brand host that serves`);
}

/** A session as signing in makes one: a live server-side session row, issued on `host`. */
export async function signedInSession(
  app: PrismaClient,
  user: { accountId: string; userId: string; role?: PortalSession["role"] },
  host: HostBrand,
): Promise<PortalSession> {
  return {
    userId: user.userId,
    accountId: user.accountId,
    role: user.role ?? "owner",
    brand: brandKey(host),
    sessionId: await startSession(app, user),
  };
}

/**
 * A tRPC caller as a signed-in user, the way the route handler builds one: with a live session,
 * on the host where the user's account signs in unless told otherwise, without an opened
 * account, and unable to set cookies unless given a way. The session starts at the first call.
 */
export function callerAs(
  app: PrismaClient,
  user: { accountId: string; userId: string; role?: PortalSession["role"] },
  request: Partial<Pick<TRPCContext, "host" | "ip" | "openAs" | "setCookie">> & { session?: PortalSession } = {},
) {
  let context: Promise<TRPCContext> | undefined;
  const build = async (): Promise<TRPCContext> => {
    const host: HostResolution = request.host ?? (await homeHost(app, user.accountId));
    const session =
      request.session ?? (await signedInSession(app, user, host.kind === "unknown" ? PLATFORM_HOST : host));
    return createTRPCContext({
      db: app,
      host,
      session,
      ip: request.ip ?? null,
      ...(request.openAs === undefined ? {} : { openAs: request.openAs }),
      ...(request.setCookie === undefined ? {} : { setCookie: request.setCookie }),
    });
  };
  return createCaller(() => {
    context ??= build();
    return context;
  });
}

/** The TRPCError a call fails with; fails the test when the call succeeds or fails otherwise. */
export async function trpcError(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    (result) => {
      throw new Error(`expected the call to fail, it answered ${JSON.stringify(result)}`);
    },
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw error;
  return error;
}
