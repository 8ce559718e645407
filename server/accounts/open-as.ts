import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { requireBelow } from "./scope";

export type OpenableAccount = { id: string; slug: string; name: string };

/**
 * Checks that a user may open `accountId` ("open as") and records that they did, in the opened
 * account's log (and so, rolled up, in every ancestor's). Only an account strictly below the
 * tenant, and not closed; one at a time, so that the tenant here is always the user's own account.
 */
export async function openAccount(
  db: TenantDb,
  actor: Actor,
  input: { accountId: string; alreadyOpen: OpenableAccount | null },
): Promise<OpenableAccount> {
  if (input.alreadyOpen) {
    throw new DomainError(
      "CONFLICT",
      problem(
        "account_already_open",
        `You have ${input.alreadyOpen.name} open. Return to your own account before opening another.`,
      ),
    );
  }
  const account = await requireBelow(db, actor.accountId, input.accountId);
  if (account.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${account.name} is closed; a closed account cannot be opened.`, "accountId"),
    );
  }
  await recordAudit(db, actor, { action: "account.open_as", targetAccountId: account.id, details: {} });
  return { id: account.id, slug: account.slug, name: account.name };
}
