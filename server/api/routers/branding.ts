import { z } from "zod";
import { getBrandingEditor, updateBranding } from "../../branding/editor";
import { hostBranding } from "../../tenancy/host-branding";
import { BrandingEditorOutput, GetBrandingInput, UpdateBrandingInput } from "../schemas/branding.schema";
import { PublicSettingsOutput } from "../schemas/effective-settings.schema";
import { actorOf, createTRPCRouter, publicProcedure, tenantProcedure } from "../trpc";

export const GetHostBrandingOutput = z.object({
  effective: PublicSettingsOutput,
  /** The tenant slug to prefill on the login form, when the host belongs to one account. */
  fixedTenant: z.string().nullable(),
});

export const brandingRouter = createTRPCRouter({
  /** The brand of the host the request came to: what its login page shows to anyone. */
  forHost: publicProcedure.output(GetHostBrandingOutput).query(({ ctx }) => hostBranding(ctx.db, ctx.host)),

  /** The branding and defaults of the tenant's account or one below it: own, effective and inherited values. */
  get: tenantProcedure("settings:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/accounts/{accountId}/branding",
        tags: ["branding"],
        summary: "Get an account's branding, with where each value comes from",
      },
    })
    .input(GetBrandingInput)
    .output(BrandingEditorOutput)
    .query(({ ctx, input }) => getBrandingEditor(ctx.db, ctx.accountId, input.accountId)),

  /** Overrides or resets branding and defaults, and uploads a logo, in one change. */
  update: tenantProcedure("settings:write")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/accounts/{accountId}/branding",
        tags: ["branding"],
        summary: "Change or reset an account's branding",
      },
    })
    .input(UpdateBrandingInput)
    .output(BrandingEditorOutput)
    .mutation(({ ctx, input }) =>
      updateBranding(ctx.db, actorOf(ctx), {
        accountId: input.accountId,
        changes: input.changes,
        logo: input.logo ? Buffer.from(input.logo.base64, "base64") : undefined,
      }),
    ),
});
