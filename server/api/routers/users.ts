import { originForLinks } from "../../http/request-origin";
import { inviteUser, reactivateAndInvite, resendInvitation } from "../../people/invite";
import { deactivateUser, getUser, listUsers, type PeopleActor, updateUser } from "../../people/users";
import {
  GetUserInput,
  InviteUserInput,
  ListUsersInput,
  ListUsersOutput,
  UpdateUserInput,
  UserOutput,
} from "../schemas/users.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

type PeopleContext = Parameters<typeof actorOf>[0];

/**
 * The actor with the role they act with: a person's role in their own account (also while acting
 * for an account below); a key manages people as an admin does, so it can neither make nor unmake
 * owners.
 */
function peopleActor(ctx: PeopleContext): PeopleActor {
  const { actor } = ctx.principal;
  return { ...actorOf(ctx), role: actor.kind === "user" ? actor.role : "admin" };
}

export const usersRouter = createTRPCRouter({
  /** The account's people: search by name or e-mail address, filter by status, a page at a time. */
  list: tenantProcedure("users:read")
    .meta({ openapi: { method: "GET", path: "/users", tags: ["users"], summary: "List people" } })
    .input(ListUsersInput)
    .output(ListUsersOutput)
    .query(({ ctx, input }) => listUsers(ctx.db, ctx.accountId, input)),

  /** One person of the account. */
  get: tenantProcedure("users:read")
    .meta({ openapi: { method: "GET", path: "/users/{userId}", tags: ["users"], summary: "Get a person" } })
    .input(GetUserInput)
    .output(UserOutput)
    .query(({ ctx, input }) => getUser(ctx.db, ctx.accountId, input.userId)),

  /** Invites a person by e-mail: they are `invited` until they accept; the plan's user limit applies. */
  invite: tenantProcedure("users:write")
    .meta({ openapi: { method: "POST", path: "/users", tags: ["users"], summary: "Invite a person" } })
    .input(InviteUserInput)
    .output(UserOutput)
    .mutation(({ ctx, input }) => inviteUser(ctx.db, peopleActor(ctx), input, originForLinks(ctx))),

  /** Renames a person or changes their role. */
  update: tenantProcedure("users:write")
    .meta({
      openapi: { method: "PATCH", path: "/users/{userId}", tags: ["users"], summary: "Change a person's name or role" },
    })
    .input(UpdateUserInput)
    .output(UserOutput)
    .mutation(({ ctx, input }) => updateUser(ctx.db, peopleActor(ctx), input)),

  /** Deactivates a person; their sessions end at once. */
  deactivate: tenantProcedure("users:write")
    .meta({
      openapi: { method: "POST", path: "/users/{userId}/deactivate", tags: ["users"], summary: "Deactivate a person" },
    })
    .input(GetUserInput)
    .output(UserOutput)
    .mutation(({ ctx, input }) => deactivateUser(ctx.db, peopleActor(ctx), input.userId)),

  /** Brings a deactivated person back (invited again, with a new link, if they never accepted); the plan's user limit applies. */
  reactivate: tenantProcedure("users:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/users/{userId}/reactivate",
        tags: ["users"],
        summary: "Reactivate a person (invites them again)",
      },
    })
    .input(GetUserInput)
    .output(UserOutput)
    .mutation(({ ctx, input }) => reactivateAndInvite(ctx.db, peopleActor(ctx), input.userId, originForLinks(ctx))),

  /** Sends an invited person a new invitation link. */
  resendInvitation: tenantProcedure("users:write")
    .input(GetUserInput)
    .output(UserOutput)
    .mutation(({ ctx, input }) => resendInvitation(ctx.db, peopleActor(ctx), input.userId, originForLinks(ctx))),
});
