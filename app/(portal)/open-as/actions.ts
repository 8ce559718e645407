"use server";

import { redirect } from "next/navigation";
import { serverCaller } from "@/server/api/server-caller";

/**
 * "Return to …" posted as a plain form, before the page's script has run: ends the open account
 * and answers a redirect to the dashboard. Once hydrated, the button goes through the API instead
 * (use-switch-account.ts).
 */
export async function endOpenAsAction(): Promise<void> {
  const caller = await serverCaller();
  await caller.openAs.end();
  redirect("/dashboard");
}

/** "Open as …" posted as a plain form, before hydration: the same procedure, then the dashboard. */
export async function startOpenAsAction(form: FormData): Promise<void> {
  const accountId = form.get("accountId");
  const caller = await serverCaller();
  await caller.openAs.start({ accountId: typeof accountId === "string" ? accountId : "" });
  redirect("/dashboard");
}
