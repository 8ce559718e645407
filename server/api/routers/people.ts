import { z } from "zod";
import { ROLES } from "../../auth/permissions";
import type { Principal, UserActor } from "../../auth/principal";
import { brandKey } from "../../auth/session";
import { sessionCookie } from "../../auth/session-cookie";
import { DomainError, problem } from "../../domain-error";
import { AcceptInvitationInput, acceptInvitation, LinkToken, readInvitation } from "../../people/accept-invitation";
import {
  checkResetLink,
  RequestPasswordResetInput,
  ResetPasswordInput,
  requestPasswordReset,
  resetPassword,
} from "../../people/password-reset";
import {
  ChangePasswordInput,
  changeOwnPassword,
  readProfile,
  UpdateProfileInput,
  updateOwnName,
} from "../../people/profile";
import { createTRPCRouter, publicProcedure, userProcedure } from "../trpc";

const ReadLinkInput = z.object({ token: LinkToken });
const SignInHint = z.object({ tenant: z.string(), email: z.string() });

/** Scheme, host and port of the request, for links; without a request, the host over plain HTTP. */
function originOf(ctx: { origin: string | null; host: { hostname: string } }): string {
  return ctx.origin ?? `http://${ctx.host.hostname}`;
}

/** Invitations, seen by the invitee: read the invitation a link names, and accept it. */
export const invitationRouter = createTRPCRouter({
  read: publicProcedure
    .input(ReadLinkInput)
    .output(z.object({ accountName: z.string(), tenant: z.string(), email: z.string(), name: z.string() }))
    .query(({ ctx, input }) => readInvitation(ctx.db, ctx.host, input.token)),
  accept: publicProcedure
    .input(AcceptInvitationInput)
    .output(SignInHint)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.host, input, ctx.ip)),
});

/** "Forgot password?" and the reset link. */
export const passwordResetRouter = createTRPCRouter({
  request: publicProcedure
    .input(RequestPasswordResetInput)
    .output(z.object({ message: z.string() }))
    .mutation(({ ctx, input }) => requestPasswordReset(ctx.db, ctx.host, input, { ip: ctx.ip, origin: originOf(ctx) })),
  check: publicProcedure
    .input(ReadLinkInput)
    .output(SignInHint)
    .query(({ ctx, input }) => checkResetLink(ctx.db, ctx.host, input.token)),
  reset: publicProcedure
    .input(ResetPasswordInput)
    .output(SignInHint)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.host, input, ctx.ip)),
});

/** The person acting, in their own account whatever account they act for. */
function selfOf(ctx: { principal: Principal; user: UserActor; ip: string | null }) {
  return { accountId: ctx.principal.home.id, userId: ctx.user.userId, ip: ctx.ip };
}

/** The signed-in person's own profile, in their own account whatever account they have open. */
export const profileRouter = createTRPCRouter({
  get: userProcedure
    .output(z.object({ name: z.string(), email: z.string(), role: z.enum(ROLES) }))
    .query(({ ctx }) => readProfile(ctx.db, selfOf(ctx))),
  updateName: userProcedure
    .input(UpdateProfileInput)
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) => updateOwnName(ctx.db, selfOf(ctx), input)),
  /**
   * The old sessions end (the database does it); this browser gets a new session token, so it
   * stays signed in and every other browser is signed out.
   */
  changePassword: userProcedure
    .input(ChangePasswordInput)
    .output(z.object({ signedOutElsewhere: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      // It ends every session and token family of the user and hands this browser a new cookie:
      // a program has no cookie to receive, so it would only lock itself out.
      if (ctx.principal.via !== "session") {
        throw new DomainError("FORBIDDEN", problem("browser_only", "Change your password in the portal."));
      }
      const { sessionId } = await changeOwnPassword(ctx.db, selfOf(ctx), input);
      const session = {
        userId: ctx.user.userId,
        accountId: ctx.principal.home.id,
        role: ctx.user.role,
        brand: brandKey(ctx.host),
        sessionId,
      };
      await ctx.setCookie(await sessionCookie(session, { email: ctx.user.email, name: ctx.user.name }));
      return { signedOutElsewhere: true as const };
    }),
});
