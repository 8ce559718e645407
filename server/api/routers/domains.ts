import { addDomain } from "../../domains/add";
import { txtLookup } from "../../domains/dns";
import type { DomainSettings } from "../../domains/domains";
import { listDomains } from "../../domains/list";
import { makePrimaryDomain } from "../../domains/make-primary";
import { removeDomain } from "../../domains/remove";
import { verifyDomain } from "../../domains/verify";
import { env } from "../../env";
import {
  AccountDomainsOutput,
  AddDomainInput,
  ListDomainsInput,
  MakePrimaryDomainInput,
  RemoveDomainInput,
  VerifyDomainInput,
} from "../schemas/domains.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

const settings: DomainSettings = {
  platformHosts: env.PLATFORM_HOSTS,
  developmentSuffixes: env.DOMAIN_DEV_SUFFIXES,
  limits: { brand: env.DOMAIN_LIMIT_BRAND, sip: env.DOMAIN_LIMIT_SIP },
};
const lookupTxt = txtLookup(env.DOMAIN_DNS_SERVERS);

export const domainsRouter = createTRPCRouter({
  /** The brand and SIP domains of the tenant's own account or of an account below it. */
  list: tenantProcedure("domains:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/accounts/{accountId}/domains",
        tags: ["domains"],
        summary: "List an account's domains",
      },
    })
    .input(ListDomainsInput)
    .output(AccountDomainsOutput)
    .query(({ ctx, input }) => listDomains(ctx.db, actorOf(ctx), input.accountId, settings)),

  /** Adds a domain (held by one account once verified, limited per account); the first of its kind becomes primary. */
  add: tenantProcedure("domains:write")
    .meta({
      openapi: { method: "POST", path: "/accounts/{accountId}/domains", tags: ["domains"], summary: "Add a domain" },
    })
    .input(AddDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) => addDomain(ctx.db, actorOf(ctx), input, settings)),

  /** Removes a domain; not the primary while others of its kind remain, nor the request's own host. */
  remove: tenantProcedure("domains:write")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/accounts/{accountId}/domains/{hostname}",
        tags: ["domains"],
        summary: "Remove a domain",
      },
    })
    .input(RemoveDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) =>
      removeDomain(ctx.db, actorOf(ctx), input, { ...settings, requestHost: ctx.host.hostname }),
    ),

  /** Makes a domain the primary one of its kind. */
  makePrimary: tenantProcedure("domains:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/accounts/{accountId}/domains/{hostname}/primary",
        tags: ["domains"],
        summary: "Make a domain the primary one",
      },
    })
    .input(MakePrimaryDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) => makePrimaryDomain(ctx.db, actorOf(ctx), input, settings)),

  /** "Check now": looks up the domain's TXT record and marks it verified when it holds its token. */
  verify: tenantProcedure("domains:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/accounts/{accountId}/domains/{hostname}/verify",
        tags: ["domains"],
        summary: "Verify a domain's DNS record",
      },
    })
    .input(VerifyDomainInput)
    .output(AccountDomainsOutput)
    .mutation(({ ctx, input }) => verifyDomain(ctx.db, actorOf(ctx), input, settings, lookupTxt)),
});
