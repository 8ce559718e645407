import "server-only";
import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { cache } from "react";
import { OPENED_ACCOUNT_GONE } from "../auth/open-as";
import { serverCaller } from "./server-caller";

/**
 * The account a portal page acts for. A session that no longer holds goes back to sign-in; an
 * opened account that can no longer be opened goes to the page that offers the way back.
 */
export const loadCurrentAccount = cache(async () => {
  const caller = await serverCaller();
  try {
    const current = await caller.account.current();
    // Pages resolve the session cookie only (server/auth/request-session.ts): a person acts.
    if (!current.user) throw new Error("a portal page rendered for an API key");
    return { ...current, user: current.user };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") redirect("/login");
    if (error instanceof TRPCError && error.message === OPENED_ACCOUNT_GONE) redirect("/open-as-ended");
    throw error;
  }
});
