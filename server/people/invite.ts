import type { Role } from "../auth/permissions";
import type { TenantDb } from "../db/tenant";
import { sendInvitation } from "./invitations";
import {
  createInvitedUser,
  getUser,
  invitedUserForResend,
  type PeopleActor,
  type Person,
  reactivateUser,
} from "./users";

/**
 * The steps of people management that send mail: each writes and mails in the request's one
 * transaction, so a message that cannot be sent leaves no user, no link and no audit entry.
 * `origin` is the request's origin, from which the link's is derived (server/mail/link-origin.ts).
 */

/** Invites a person: an `invited` user within the plan's limit, and the invitation e-mail. */
export async function inviteUser(
  db: TenantDb,
  actor: PeopleActor,
  input: { email: string; name: string; role: Role },
  origin: string,
): Promise<Person> {
  const person = await createInvitedUser(db, actor, input);
  await sendInvitation(db, actor, { accountId: actor.accountId, userId: person.id, origin });
  return person;
}

/** A new invitation link for an invited person; the older one stops working. */
export async function resendInvitation(
  db: TenantDb,
  actor: PeopleActor,
  userId: string,
  origin: string,
): Promise<Person> {
  const person = await invitedUserForResend(db, actor, userId);
  await sendInvitation(db, actor, { accountId: actor.accountId, userId: person.id, origin });
  return person;
}

/**
 * Reactivates a person; one who had never accepted their invitation is invited again, with a new
 * link (the old one may have expired while they were deactivated).
 */
export async function reactivateAndInvite(
  db: TenantDb,
  actor: PeopleActor,
  userId: string,
  origin: string,
): Promise<Person> {
  const before = await getUser(db, actor.accountId, userId);
  const after = await reactivateUser(db, actor, userId);
  if (before.status === "deactivated" && after.status === "invited") {
    await sendInvitation(db, actor, { accountId: actor.accountId, userId: after.id, origin });
  }
  return after;
}
