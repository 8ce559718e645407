import { setAlertThreshold } from "../../billing/alert-threshold";
import { setCreditLimit } from "../../billing/credit-limit";
import { idempotencyKeyOf } from "../../billing/idempotency-key";
import { listLedgerEntries } from "../../billing/ledger";
import { currentPlan } from "../../billing/plan";
import { postEntry } from "../../billing/post-entry";
import { getPriceList, removeOverride, setMarkup, setOverride } from "../../billing/price-list";
import { monthlyStatement } from "../../billing/statement";
import { walletOf } from "../../billing/wallet";
import { listCalls } from "../../calls/history";
import { usageByDay } from "../../calls/usage";
import { businessSummary } from "../../reports/business";
import { childrenReport } from "../../reports/children-report";
import {
  AdjustInput,
  BusinessOutput,
  ChildrenReportInput,
  ChildrenReportOutput,
  ListCallsInput,
  ListCallsOutput,
  ListEntriesInput,
  ListEntriesOutput,
  PlanOutput,
  PostedEntryOutput,
  PriceListOutput,
  PriceOverrideFields,
  RemoveOverrideInput,
  SetAlertThresholdInput,
  SetCreditLimitInput,
  SetMarkupInput,
  StatementInput,
  StatementOutput,
  TopUpInput,
  UsageInput,
  UsageOutput,
  WalletInput,
  WalletOutput,
} from "../schemas/billing.schema";
import { actorOf, createTRPCRouter, resellerProcedure, type TRPCContext, tenantProcedure } from "../trpc";

/** The person's e-mail or the key's name, kept on the entry for the author's side to read. */
function authorLabel(principal: NonNullable<TRPCContext["principal"]>): string {
  return principal.actor.kind === "user" ? principal.actor.email : principal.actor.name;
}

export const billingRouter = createTRPCRouter({
  /** The account's plan, its limits and the account's use of each. */
  plan: tenantProcedure("account:read")
    .meta({
      openapi: { method: "GET", path: "/billing/plan", tags: ["billing"], summary: "The current plan and its usage" },
    })
    .output(PlanOutput)
    .query(({ ctx }) => currentPlan(ctx.db, ctx.accountId)),

  /** The wallet of your account, or of an account below yours: balance, credit limit, whether it may spend. */
  wallet: tenantProcedure("billing:read")
    .meta({ openapi: { method: "GET", path: "/billing/wallet", tags: ["billing"], summary: "Get a wallet" } })
    .input(WalletInput)
    .output(WalletOutput)
    .query(({ ctx, input }) => walletOf(ctx.db, ctx.accountId, input.accountId)),

  /** A wallet's ledger, newest first, a page at a time. */
  entries: tenantProcedure("billing:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/billing/entries",
        tags: ["billing"],
        summary: "List a wallet's ledger entries",
      },
    })
    .input(ListEntriesInput)
    .output(ListEntriesOutput)
    .query(({ ctx, input }) => listLedgerEntries(ctx.db, ctx.accountId, input)),

  /** Calls of your account, or of an account below yours, newest first: search, filters, pages. */
  calls: tenantProcedure("billing:read")
    .meta({
      openapi: { method: "GET", path: "/billing/calls", tags: ["billing"], summary: "List calls and their charges" },
    })
    .input(ListCallsInput)
    .output(ListCallsOutput)
    .query(({ ctx, input }) => listCalls(ctx.db, ctx.accountId, input)),

  /** Your account's usage by day: calls, minutes and what they cost, its own and those below it. */
  usage: tenantProcedure("billing:read")
    .meta({ openapi: { method: "GET", path: "/billing/usage", tags: ["billing"], summary: "Usage by day" } })
    .input(UsageInput)
    .output(UsageOutput)
    .query(({ ctx, input }) => usageByDay(ctx.db, ctx.accountId, input)),

  /** A reseller's children over a period: their calls, what they paid it, what it paid above, its margin. */
  childrenReport: resellerProcedure("billing:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/billing/children-report",
        tags: ["billing"],
        summary: "Usage, revenue and margin per child account",
      },
    })
    .input(ChildrenReportInput)
    .output(ChildrenReportOutput)
    .query(({ ctx, input }) => childrenReport(ctx.db, ctx.accountId, input)),

  /** Credits one of your children's wallets, once per idempotency key. */
  topUp: resellerProcedure("billing:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/billing/top-ups",
        tags: ["billing"],
        summary: "Top up a child account's wallet",
      },
    })
    .input(TopUpInput)
    .output(PostedEntryOutput)
    .mutation(({ ctx, input }) =>
      postEntry(
        ctx.db,
        { ...actorOf(ctx), label: authorLabel(ctx.principal) },
        { ...input, kind: "top_up", idempotencyKey: idempotencyKeyOf(input.idempotencyKey, ctx.idempotencyKey) },
      ),
    ),

  /** A refund or a correction to one of your children's wallets, once per idempotency key. */
  adjust: resellerProcedure("billing:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/billing/adjustments",
        tags: ["billing"],
        summary: "Refund to or adjust a child account's wallet",
      },
    })
    .input(AdjustInput)
    .output(PostedEntryOutput)
    .mutation(({ ctx, input }) =>
      postEntry(
        ctx.db,
        { ...actorOf(ctx), label: authorLabel(ctx.principal) },
        { ...input, idempotencyKey: idempotencyKeyOf(input.idempotencyKey, ctx.idempotencyKey) },
      ),
    ),

  /** How far below zero one of your children's balance may go. */
  setCreditLimit: resellerProcedure("billing:write")
    .meta({
      openapi: {
        method: "PUT",
        path: "/billing/credit-limit",
        tags: ["billing"],
        summary: "Set a child account's credit limit",
      },
    })
    .input(SetCreditLimitInput)
    .output(WalletOutput)
    .mutation(({ ctx, input }) => setCreditLimit(ctx.db, actorOf(ctx), input)),

  /** The balance below which your account's, or one of your children's, owners and admins are e-mailed. */
  setAlertThreshold: tenantProcedure("billing:write")
    .meta({
      openapi: {
        method: "PUT",
        path: "/billing/alert-threshold",
        tags: ["billing"],
        summary: "Set or turn off a low-balance alert",
      },
    })
    .input(SetAlertThresholdInput)
    .output(WalletOutput)
    .mutation(({ ctx, input }) => setAlertThreshold(ctx.db, actorOf(ctx), input)),

  /** What you charge your children: a markup on your cost, and your own prices for some prefixes. */
  priceList: resellerProcedure("billing:read")
    .meta({ openapi: { method: "GET", path: "/billing/price-list", tags: ["billing"], summary: "Your price list" } })
    .output(PriceListOutput)
    .query(({ ctx }) => getPriceList(ctx.db, ctx.accountId)),

  /** The markup on your cost for every call no price of your own covers. */
  setMarkup: resellerProcedure("billing:write")
    .meta({
      openapi: { method: "PUT", path: "/billing/price-list/markup", tags: ["billing"], summary: "Set your markup" },
    })
    .input(SetMarkupInput)
    .output(PriceListOutput)
    .mutation(({ ctx, input }) => setMarkup(ctx.db, actorOf(ctx), input.markupBasisPoints)),

  /** Your own price for calls to a prefix, replacing your markup there. */
  setPrice: resellerProcedure("billing:write")
    .meta({
      openapi: {
        method: "PUT",
        path: "/billing/price-list/prices",
        tags: ["billing"],
        summary: "Set a price of yours",
      },
    })
    .input(PriceOverrideFields)
    .output(PriceListOutput)
    .mutation(({ ctx, input }) => setOverride(ctx.db, actorOf(ctx), input)),

  /** Removes a price of yours: your markup applies there again. */
  removePrice: resellerProcedure("billing:write")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/billing/price-list/prices/{overrideId}",
        tags: ["billing"],
        summary: "Remove a price of yours",
      },
    })
    .input(RemoveOverrideInput)
    .output(PriceListOutput)
    .mutation(({ ctx, input }) => removeOverride(ctx.db, actorOf(ctx), input.overrideId)),

  /** A reseller's business at a glance: its accounts, this month's calls, revenue and margin, who is over credit. */
  business: resellerProcedure("billing:read")
    .meta({
      openapi: { method: "GET", path: "/billing/business", tags: ["billing"], summary: "Your business this month" },
    })
    .output(BusinessOutput)
    .query(({ ctx }) => businessSummary(ctx.db, ctx.accountId)),

  /** A month of your wallet, or of one below yours: opening and closing balance, every entry, the calls. */
  statement: tenantProcedure("billing:read")
    .meta({ openapi: { method: "GET", path: "/billing/statement", tags: ["billing"], summary: "A monthly statement" } })
    .input(StatementInput)
    .output(StatementOutput)
    .query(({ ctx, input }) => monthlyStatement(ctx.db, ctx.accountId, input)),
});
