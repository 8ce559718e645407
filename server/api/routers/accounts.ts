import { z } from "zod";
import { isChildAccountsCursor, listChildAccounts } from "../../accounts/children";
import { createChildAccount, getChildAccount, setChildAccountStatus, updateChildAccount } from "../../accounts/manage";
import { NOT_BELOW } from "../../accounts/scope";
import { DomainError, problem } from "../../domain-error";
import { originForLinks } from "../../http/request-origin";
import { inviteFirstOwner } from "../../people/first-owner";
import {
  CreateChildAccountInput,
  EffectiveStatusOutput,
  GetChildAccountInput,
  ManagedAccountOutput,
  SetChildAccountStatusInput,
  UpdateChildAccountInput,
} from "../schemas/managed-account.schema";
import { pageLimit } from "../schemas/page-limit";
import { cursorText, plainText } from "../schemas/text";
import { actorOf, createTRPCRouter, resellerProcedure, resellerReadProcedure } from "../trpc";

export const ListChildAccountsInput = z.object({
  /** Whose children: the reseller itself when omitted, or an account below it. */
  parentId: z.uuid({ message: "parentId must be an account id" }).optional(),
  /** Name or slug contains this (any case); searches everything below `parentId`, not only its children. */
  search: plainText({ label: "Search", max: 80 })
    .optional()
    .transform((value) => (value ? value : undefined)),
  /** The last slug of the previous page. */
  cursor: cursorText(isChildAccountsCursor).optional(),
  limit: pageLimit(50),
});

export const ListChildAccountsOutput = z.object({
  scope: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  items: z.array(
    z.object({
      id: z.uuid(),
      slug: z.string(),
      name: z.string(),
      isReseller: z.boolean(),
      status: z.enum(["active", "suspended", "closed"]),
      effectiveStatus: EffectiveStatusOutput,
      planName: z.string(),
      brandDomain: z.string().nullable(),
      childCount: z.number().int(),
      parent: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
      limits: z.object({ maxIn: z.number().int(), maxOut: z.number().int(), maxDialer: z.number().int() }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const accountsRouter = createTRPCRouter({
  /** A reseller's child accounts (or the children of an account below it), a page at a time. */
  listChildren: resellerReadProcedure("accounts:read")
    .meta({
      openapi: { method: "GET", path: "/accounts", tags: ["accounts"], summary: "List the accounts below yours" },
    })
    .input(ListChildAccountsInput)
    .output(ListChildAccountsOutput)
    .query(async ({ ctx, input }) => {
      const page = await listChildAccounts(ctx.read, { accountId: ctx.accountId, ...input });
      if (!page) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_BELOW, "parentId"));
      return page;
    }),

  /** One account below the reseller, with the parent and child limits its form explains. */
  get: resellerProcedure("accounts:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/accounts/{accountId}",
        tags: ["accounts"],
        summary: "Get an account below yours",
      },
    })
    .input(GetChildAccountInput)
    .output(ManagedAccountOutput)
    .query(({ ctx, input }) => getChildAccount(ctx.db, actorOf(ctx), input.accountId)),

  /**
   * Creates a child account below the reseller or below a reseller under it, and invites its first
   * owner when given: one transaction, so both exist or neither does.
   */
  create: resellerProcedure("accounts:write")
    .meta({
      openapi: { method: "POST", path: "/accounts", tags: ["accounts"], summary: "Create an account below yours" },
    })
    .input(CreateChildAccountInput)
    .output(ManagedAccountOutput)
    .mutation(async ({ ctx, input }) => {
      const { owner, ...account } = input;
      const created = await createChildAccount(ctx.db, actorOf(ctx), account);
      if (owner) await inviteFirstOwner(ctx.db, actorOf(ctx), created.id, owner, originForLinks(ctx));
      return created;
    }),

  /** Renames an account below the reseller, or changes its plan or limits. */
  update: resellerProcedure("accounts:write")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/accounts/{accountId}",
        tags: ["accounts"],
        summary: "Change an account's name, plan or limits",
      },
    })
    .input(UpdateChildAccountInput)
    .output(ManagedAccountOutput)
    .mutation(({ ctx, input }) => updateChildAccount(ctx.db, actorOf(ctx), input)),

  /** Suspends, reactivates or closes an account below the reseller. */
  setStatus: resellerProcedure("accounts:write")
    .meta({
      openapi: {
        method: "PUT",
        path: "/accounts/{accountId}/status",
        tags: ["accounts"],
        summary: "Suspend, close or reopen an account",
      },
    })
    .input(SetChildAccountStatusInput)
    .output(ManagedAccountOutput)
    .mutation(({ ctx, input }) => setChildAccountStatus(ctx.db, actorOf(ctx), input)),
});
