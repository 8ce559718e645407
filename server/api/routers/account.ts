import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { getAccountOverview, overviewStatement } from "../../accounts/overview";
import { PERMISSIONS, ROLES } from "../../auth/permissions";
import { EffectiveSettingsOutput } from "../schemas/effective-settings.schema";
import { createTRPCRouter, tenantReadProcedure } from "../trpc";

const AccountStatus = z.enum(["active", "suspended", "closed"]);

export const GetCurrentAccountOutput = z.object({
  account: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    isReseller: z.boolean(),
    status: AccountStatus,
    parentId: z.uuid().nullable(),
    limits: z.object({ maxIn: z.number().int(), maxOut: z.number().int(), maxDialer: z.number().int() }),
  }),
  plan: z.object({
    id: z.string(),
    name: z.string(),
    maxConcurrentCalls: z.number().int().nullable(),
    maxUsers: z.number().int().nullable(),
    maxDepartments: z.number().int().nullable(),
    recording: z.boolean(),
    aiTranscription: z.boolean(),
    advancedAnalytics: z.boolean(),
  }),
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES) }).nullable(),
  apiKey: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  openedFrom: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  effective: EffectiveSettingsOutput,
});

export const accountRouter = createTRPCRouter({
  /** The account the request acts for, with its plan, limits and effective branding and defaults. */
  // Its one statement travels with BEGIN and the session check: one round trip per call.
  current: tenantReadProcedure("account:read", { only: overviewStatement })
    .meta({
      openapi: { method: "GET", path: "/account", tags: ["account"], summary: "The account the request runs as" },
    })
    .output(GetCurrentAccountOutput)
    .query(async ({ ctx }) => {
      const { actor, home, permissions } = ctx.principal;
      const overview = await getAccountOverview(ctx.read, {
        accountId: ctx.accountId,
        actor: {
          user:
            actor.kind === "user" ? { id: actor.userId, email: actor.email, name: actor.name, role: actor.role } : null,
          apiKey: actor.kind === "key" ? { id: actor.keyId, name: actor.name } : null,
          permissions: [...permissions],
        },
        userAccount: { id: home.id, name: home.name },
      });
      if (!overview) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
      return overview;
    }),
});
