import { z } from "zod";
import { openAccount } from "../../accounts/open-as";
import { openAsCookie } from "../../auth/open-as";
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
  start: resellerProcedure("accounts:open")
    .input(StartOpenAsInput)
    .output(StartOpenAsOutput)
    .mutation(async ({ ctx, input }) => {
      const opened = await openAccount(ctx.db, actorOf(ctx), { accountId: input.accountId, alreadyOpen: ctx.openedAs });
      await ctx.setCookie(openAsCookie(ctx.session.userId, opened.id));
      return opened;
    }),

  /**
   * Back to the user's own account. Public: it only clears this browser's cookie, and must work
   * even when the opened account can no longer be opened (which fails every other procedure).
   */
  end: publicProcedure.output(EndOpenAsOutput).mutation(async ({ ctx }) => {
    await ctx.setCookie(openAsCookie(ctx.session?.userId ?? "", null));
    return { ended: true as const };
  }),
});
