import { z } from "zod";
import { analyticsSummary } from "../../analytics/summary";
import { featureAvailability, PLAN_FEATURE_KEYS } from "../../plans/features";
import { FEATURE_SWITCHES, type FeatureSwitch, getFeatureSwitches, setFeatureSwitch } from "../../plans/switches";
import { METERED, planUsage } from "../../plans/usage";
import { listDestinations } from "../../routing/destinations";
import { DestinationOption } from "../../settings/destination";
import { loadEffectiveSettings } from "../../tenancy/branding";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

const SWITCH_KEYS = Object.keys(FEATURE_SWITCHES) as [FeatureSwitch, ...FeatureSwitch[]];
const Switches = z.object(
  Object.fromEntries(SWITCH_KEYS.map((key) => [key, z.boolean()])) as Record<FeatureSwitch, z.ZodBoolean>,
);

/** The account whose data an answer is: the tenant's own, never one named by input. */
const AccountId = z.uuid();

export const SetFeatureSwitchOutput = z.object({ accountId: AccountId, switches: Switches });

export const GetDashboardOutput = z.object({
  accountId: AccountId,
  plan: z.object({ id: z.string(), name: z.string() }),
  meters: z.array(
    z.object({
      resource: z.enum(Object.keys(METERED) as [keyof typeof METERED, ...(keyof typeof METERED)[]]),
      label: z.string(),
      used: z.number().int(),
      limit: z.number().int().nullable(),
    }),
  ),
  features: z.array(
    z.object({
      feature: z.enum(PLAN_FEATURE_KEYS as [string, ...string[]]),
      label: z.string(),
      included: z.boolean(),
      cheapestPlan: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
  ),
  switches: Switches,
  /** Where the account's unrouted numbers go (its own default; not inherited), or null: nowhere. */
  defaultDestination: DestinationOption.nullable(),
});

export const SetFeatureSwitchInput = z.object({
  switch: z.enum(SWITCH_KEYS, "Choose call recording or AI transcription"),
  enabled: z.boolean({ message: "enabled must be true or false" }),
});

export const GetAnalyticsOutput = z.object({
  accountId: AccountId,
  users: z.object({ active: z.number().int(), invited: z.number().int(), deactivated: z.number().int() }),
  extensions: z.object({ total: z.number().int(), withUser: z.number().int() }),
  departments: z.number().int(),
  schedules: z.number().int(),
  changesLast30Days: z.array(z.object({ action: z.string(), count: z.number().int() })),
});

export const dashboardRouter = createTRPCRouter({
  /** What a customer acts on: usage against the plan's limits, the plan's features, its switches. */
  summary: tenantProcedure("account:read")
    .output(GetDashboardOutput)
    .query(async ({ ctx }) => {
      const usage = await planUsage(ctx.db, ctx.accountId);
      const features = await featureAvailability(ctx.db, ctx.accountId);
      const switches = await getFeatureSwitches(ctx.db, ctx.accountId);
      const fallback = (await loadEffectiveSettings(ctx.db, ctx.accountId)).defaultDestination.value;
      const defaultDestination = fallback
        ? ((await listDestinations(ctx.db, ctx.accountId)).find(
            (option) => option.kind === fallback.kind && option.id === fallback.id,
          ) ?? null)
        : null;
      return { accountId: ctx.accountId, ...usage, features, switches, defaultDestination };
    }),

  /** Switches call recording or AI transcription of voicemail on or off; on needs the plan's feature. */
  setFeature: tenantProcedure("settings:write")
    .input(SetFeatureSwitchInput)
    .output(SetFeatureSwitchOutput)
    .mutation(async ({ ctx, input }) => ({
      accountId: ctx.accountId,
      switches: await setFeatureSwitch(ctx.db, actorOf(ctx), input),
    })),

  /** Advanced analytics of the account (a plan feature): counts from its own tables. */
  analytics: tenantProcedure("account:read")
    .output(GetAnalyticsOutput)
    .query(async ({ ctx }) => ({ accountId: ctx.accountId, ...(await analyticsSummary(ctx.db, ctx.accountId)) })),
});
