import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "./server-caller";

/** The signed-in account for a portal page; a session that no longer holds goes back to sign-in. */
export const loadCurrentAccount = cache(async () => {
  const caller = await serverCaller();
  try {
    return await caller.account.current();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/login");
    throw error;
  }
});
