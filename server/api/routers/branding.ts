import { z } from "zod";
import { hostBranding } from "../../tenancy/host-branding";
import { EffectiveSettingsOutput } from "../schemas/effective-settings.schema";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const GetHostBrandingOutput = z.object({
  effective: EffectiveSettingsOutput,
  /** The tenant slug to prefill on the login form, when the host belongs to one account. */
  fixedTenant: z.string().nullable(),
});

export const brandingRouter = createTRPCRouter({
  /** The brand of the host the request came to: what its login page shows to anyone. */
  forHost: publicProcedure.output(GetHostBrandingOutput).query(({ ctx }) => hostBranding(ctx.db, ctx.host)),
});
