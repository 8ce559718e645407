import type { Actor } from "../audit/record";
import { DomainError, problem } from "../domain-error";

/**
 * The person of the account who makes or revokes a key: keys are the account's own, made and
 * revoked by its own people (the table records who, as a user of the same account). A key never
 * manages keys, and a reseller user acting as an account below ("open as") is not one of its people.
 */
export function personOfAccount(actor: Actor): string {
  if (!actor.userId || actor.keyId) {
    throw new DomainError("FORBIDDEN", problem("user_only", "Only a person can do this, not an API key."));
  }
  if (actor.userAccountId !== actor.accountId) {
    throw new DomainError(
      "FORBIDDEN",
      problem(
        "own_account_only",
        "API keys are made and revoked by the account's own people; acting as another account, you can only read them.",
      ),
    );
  }
  return actor.userId;
}
