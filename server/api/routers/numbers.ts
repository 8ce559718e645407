import { listNumbers } from "../../numbers/list";
import { getNumber } from "../../numbers/numbers";
import { assignNumber, takeBackNumber } from "../../numbers/pool-moves";
import { routeNumber } from "../../numbers/route";
import { listDestinations } from "../../routing/destinations";
import {
  AccountNumberOutput,
  AssignNumberInput,
  DestinationsOutput,
  GetNumberInput,
  ListNumbersInput,
  NumbersPageOutput,
  PoolNumberOutput,
  RouteNumberInput,
  TakeBackNumberInput,
} from "../schemas/numbers.schema";
import { actorOf, createTRPCRouter, resellerProcedure, tenantProcedure } from "../trpc";

export const numbersRouter = createTRPCRouter({
  /** The account's numbers and where each routes; for a reseller, with `view: "pool"`, its pool and who holds each. */
  list: tenantProcedure("numbers:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/numbers",
        tags: ["numbers"],
        summary: "List the account's numbers, or a reseller's pool",
      },
    })
    .input(ListNumbersInput)
    .output(NumbersPageOutput)
    .query(({ ctx, input }) => listNumbers(ctx.db, ctx.accountId, input)),

  /** One number the account holds, with where it routes. */
  get: tenantProcedure("numbers:read")
    .meta({ openapi: { method: "GET", path: "/numbers/{numberId}", tags: ["numbers"], summary: "Get a number" } })
    .input(GetNumberInput)
    .output(AccountNumberOutput)
    .query(({ ctx, input }) => getNumber(ctx.db, ctx.accountId, input.numberId)),

  /** The extensions, departments and schedules a number of the account can route to. */
  destinations: tenantProcedure("numbers:read")
    .output(DestinationsOutput)
    .query(async ({ ctx }) => ({ accountId: ctx.accountId, items: await listDestinations(ctx.db, ctx.accountId) })),

  /** Routes a number the account holds to one of its destinations, or (null) to the account's default. */
  route: tenantProcedure("numbers:write")
    .meta({
      openapi: {
        method: "PUT",
        path: "/numbers/{numberId}/destination",
        tags: ["numbers"],
        summary: "Route a number to a destination",
      },
    })
    .input(RouteNumberInput)
    .output(AccountNumberOutput)
    .mutation(({ ctx, input }) => routeNumber(ctx.db, actorOf(ctx), input)),

  /** Gives a free number of the reseller's pool to an account below it. */
  assign: resellerProcedure("numbers:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/numbers/{numberId}/assign",
        tags: ["numbers"],
        summary: "Assign a pool number to an account below",
      },
    })
    .input(AssignNumberInput)
    .output(PoolNumberOutput)
    .mutation(({ ctx, input }) => assignNumber(ctx.db, actorOf(ctx), input)),

  /** Brings a number of the reseller's pool back from the account below that holds it. */
  takeBack: resellerProcedure("numbers:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/numbers/{numberId}/take-back",
        tags: ["numbers"],
        summary: "Take a number back into the pool",
      },
    })
    .input(TakeBackNumberInput)
    .output(PoolNumberOutput)
    .mutation(({ ctx, input }) => takeBackNumber(ctx.db, actorOf(ctx), input)),
});
