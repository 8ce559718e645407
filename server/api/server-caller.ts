import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { currentRequest } from "../auth/request-session";
import { appDb } from "../db/app-client";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

/** The tRPC caller for server components: the same procedures, checks and scoping as over HTTP. */
export const serverCaller = cache(async () => {
  const request = await currentRequest();
  // Only server actions may set cookies; a server component that tried would fail loudly.
  return createCaller(
    createTRPCContext(appDb(), request, async ({ name, value, ...options }) => {
      (await cookies()).set(name, value, options);
    }),
  );
});
