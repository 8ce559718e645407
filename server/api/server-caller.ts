import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { currentRequest } from "../auth/request-session";
import { appDb } from "../db/app-client";
import { requestOrigin } from "../http/request-origin";
import { requestIdFrom } from "../request-id";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

/** The tRPC caller for server components: the same procedures, checks and scoping as over HTTP. */
export const serverCaller = cache(async () => {
  const request = await currentRequest();
  const headerList = await headers();
  return createCaller(
    createTRPCContext({
      db: appDb(),
      ...request,
      requestId: requestIdFrom(headerList),
      origin: requestOrigin(headerList),
      // Only server actions may set cookies; a server component that tried would fail loudly.
      setCookie: async ({ name, value, ...options }) => {
        (await cookies()).set(name, value, options);
      },
    }),
  );
});
