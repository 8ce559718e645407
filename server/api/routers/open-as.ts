import { z } from "zod";
import { openAccount } from "../../accounts/open-as";
import { openAsCookie } from "../../auth/open-as";
import { actsForAnother } from "../../auth/principal";
import { DomainError, problem } from "../../domain-error";
import { actorOf, createTRPCRouter, publicProcedure, resellerProcedure } from "../trpc";

export const StartOpenAsInput = z.object({ accountId: z.uuid({ message: "accountId must be an account id" }) });
export const StartOpenAsOutput = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });
export const EndOpenAsOutput = z.object({ ended: z.literal(true) });

/**
 * "Open as": a reseller user works in the portal as an account below theirs. Every later request
 * runs with that account as its tenant (see authedProcedure) until the user returns.
 */
export const openAsRouter = createTRPCRouter({
  /** Opens an account below the user's own; the response sets the cookie that keeps it open. */
  start: resellerProcedure("accounts:write")
    .input(StartOpenAsInput)
    .output(StartOpenAsOutput)
    .mutation(async ({ ctx, input }) => {
      const { principal } = ctx;
      // The browser's way; a program exchanges its token instead (POST /api/auth/act-as).
      if (principal.via !== "session" || principal.actor.kind !== "user") {
        throw new DomainError(
          "FORBIDDEN",
          problem("browser_only", "Programs act for an account below theirs with POST /api/auth/act-as."),
        );
      }
      const alreadyOpen = actsForAnother(principal) ? principal.tenant : null;
      const opened = await openAccount(ctx.db, actorOf(ctx), { accountId: input.accountId, alreadyOpen });
      await ctx.setCookie(openAsCookie(principal.actor.userId, opened.id));
      return opened;
    }),

  /**
   * Back to the user's own account. Public: it only clears this browser's cookie, and must work
   * even when the opened account can no longer be opened (which fails every other procedure).
   */
  end: publicProcedure.output(EndOpenAsOutput).mutation(async ({ ctx }) => {
    await ctx.setCookie(openAsCookie("", null));
    return { ended: true as const };
  }),
});
