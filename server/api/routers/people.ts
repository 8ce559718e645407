import { z } from "zod";
import { ROLES } from "../../auth/permissions";
import { sessionCookie } from "../../auth/session-cookie";
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
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc";

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

/** The signed-in person's own profile, in their own account whatever account they have open. */
export const profileRouter = createTRPCRouter({
  get: authedProcedure
    .output(z.object({ name: z.string(), email: z.string(), role: z.enum(ROLES) }))
    .query(({ ctx }) =>
      readProfile(ctx.db, { accountId: ctx.session.accountId, userId: ctx.session.userId, ip: ctx.ip }),
    ),
  updateName: authedProcedure
    .input(UpdateProfileInput)
    .output(z.object({ name: z.string() }))
    .mutation(({ ctx, input }) =>
      updateOwnName(ctx.db, { accountId: ctx.session.accountId, userId: ctx.session.userId, ip: ctx.ip }, input),
    ),
  /**
   * The old sessions end (the database does it); this browser gets a new session token, so it
   * stays signed in and every other browser is signed out.
   */
  changePassword: authedProcedure
    .input(ChangePasswordInput)
    .output(z.object({ signedOutElsewhere: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const self = { accountId: ctx.session.accountId, userId: ctx.session.userId, ip: ctx.ip };
      const { sessionId } = await changeOwnPassword(ctx.db, self, input);
      await ctx.setCookie(
        await sessionCookie({ ...ctx.session, sessionId }, { email: ctx.viewer.email, name: ctx.viewer.name }),
      );
      return { signedOutElsewhere: true as const };
    }),
});
