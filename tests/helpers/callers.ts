import { TRPCError } from "@trpc/server";
import type { PrismaClient } from "@/generated/prisma/client";
import { createCaller } from "@/server/api/root";
import { createTRPCContext, type TRPCContext } from "@/server/api/trpc";
import type { PortalSession } from "@/server/auth/session";
import type { HostResolution } from "@/server/tenancy/host-resolver";

const PLATFORM_HOST: HostResolution = { kind: "platform", hostname: "localhost" };

/**
 * A tRPC caller as a signed-in user, the way the route handler builds one: on the platform host
 * unless told otherwise, without an opened account, and unable to set cookies unless given a way.
 */
export function callerAs(
  app: PrismaClient,
  user: { accountId: string; userId: string; role?: PortalSession["role"] },
  request: Partial<Pick<TRPCContext, "host" | "ip" | "openAs" | "setCookie">> = {},
) {
  return createCaller(
    createTRPCContext({
      db: app,
      host: request.host ?? PLATFORM_HOST,
      session: { userId: user.userId, accountId: user.accountId, role: user.role ?? "owner", brand: "platform" },
      ip: request.ip ?? null,
      ...(request.openAs === undefined ? {} : { openAs: request.openAs }),
      ...(request.setCookie === undefined ? {} : { setCookie: request.setCookie }),
    }),
  );
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
