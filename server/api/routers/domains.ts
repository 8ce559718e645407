import { addDomain } from "../../domains/add";
import { listDomains } from "../../domains/list";
import { makePrimaryDomain } from "../../domains/make-primary";
import { removeDomain } from "../../domains/remove";
import { env } from "../../env";
import {
  AccountDomainsOutput,
  AddDomainInput,
  ListDomainsInput,
  MakePrimaryDomainInput,
  RemoveDomainInput,
} from "../schemas/domains.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

export const domainsRouter = createTRPCRouter({
  /** The brand and SIP domains of the tenant's own account or of an account below it. */
  list: tenantProcedure("domains:manage")
    .input(ListDomainsInput)
    .output(AccountDomainsOutput)
    .query(({ ctx, input }) => listDomains(ctx.db, actorOf(ctx), input.accountId)),

  /** Adds a domain (unique across the platform); the first of its kind becomes primary. */
  add: tenantProcedure("domains:manage")
    .input(AddDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) => addDomain(ctx.db, actorOf(ctx), input, { platformHosts: env.PLATFORM_HOSTS })),

  /** Removes a domain; not the primary while others of its kind remain, nor the request's own host. */
  remove: tenantProcedure("domains:manage")
    .input(RemoveDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) => removeDomain(ctx.db, actorOf(ctx), input, { requestHost: ctx.host.hostname })),

  /** Makes a domain the primary one of its kind. */
  makePrimary: tenantProcedure("domains:manage")
    .input(MakePrimaryDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) => makePrimaryDomain(ctx.db, actorOf(ctx), input)),
});
