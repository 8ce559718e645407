import { z } from "zod";
import { listPlans } from "../../accounts/plans";
import { authedProcedure, createTRPCRouter } from "../trpc";

export const ListPlansOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    maxConcurrentCalls: z.number().int().nullable(),
    maxUsers: z.number().int().nullable(),
    maxDepartments: z.number().int().nullable(),
  }),
);

export const plansRouter = createTRPCRouter({
  /** The platform's plans (shared data, the same for every tenant). */
  list: authedProcedure.output(ListPlansOutput).query(({ ctx }) => listPlans(ctx.db)),
});
