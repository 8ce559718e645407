import { type Actor, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { requireBelow } from "./scope";

export type OpenableAccount = { id: string; slug: string; name: string };

/**
 * How the account is opened: in the browser ("open as", a cookie) or by a program exchanging its
 * access token (POST /api/auth/act-as); each has its own audit action.
 */
const ACTION_OF = { open_as: "account.open_as", act_as: "account.acted_as" } as const;

/**
 * Checks that a user may open `accountId` ("open as", or act-as for a program) and records that
 * they did, in the opened account's log (and so, rolled up, in every ancestor's). Only an account
 * strictly below the tenant, and not closed; one at a time, so that the tenant here is always the
 * user's own account. `field` names the input the account came from, for the problems.
 */
export async function openAccount(
  db: TenantDb,
  actor: Actor,
  input: {
    accountId: string;
    alreadyOpen: OpenableAccount | null;
    how?: keyof typeof ACTION_OF;
    field?: string;
  },
): Promise<OpenableAccount> {
  const field = input.field ?? "accountId";
  if (input.alreadyOpen) {
    throw new DomainError(
      "CONFLICT",
      problem(
        "account_already_open",
        `You have ${input.alreadyOpen.name} open. Return to your own account before opening another.`,
      ),
    );
  }
  const account = await requireBelow(db, actor.accountId, input.accountId, field);
  if (account.status === "closed") {
    throw new DomainError(
      "BAD_REQUEST",
      problem("account_closed", `${account.name} is closed; a closed account cannot be opened.`, field),
    );
  }
  await recordAudit(db, actor, { action: ACTION_OF[input.how ?? "open_as"], targetAccountId: account.id, details: {} });
  return { id: account.id, slug: account.slug, name: account.name };
}
