import { z } from "zod";
import { NOT_BELOW } from "../../accounts/scope";
import { decodeAuditCursor, listAuditEntries } from "../../audit/list";
import { DomainError, problem } from "../../domain-error";
import { pageLimit } from "../schemas/page-limit";
import { cursorText, plainText } from "../schemas/text";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const ListAuditEntriesInput = z.object({
  action: plainText({ label: "action", max: 64 })
    .regex(/^[a-z_]+(\.[a-z_]+)+$/, "action is a name like account.create")
    .optional(),
  /** Only entries about this account: the tenant's own or one below it. */
  targetAccountId: z.uuid({ message: "targetAccountId must be an account id" }).optional(),
  cursor: cursorText((value) => decodeAuditCursor(value) !== null).optional(),
  limit: pageLimit(50),
});

export const ListAuditEntriesOutput = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      createdAt: z.date(),
      action: z.string(),
      ip: z.string().nullable(),
      actor: z
        .discriminatedUnion("kind", [
          z.object({ kind: z.literal("user"), email: z.string(), accountName: z.string() }),
          z.object({ kind: z.literal("key"), name: z.string(), prefix: z.string(), accountName: z.string() }),
        ])
        .nullable(),
      actingAs: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      target: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const auditRouter = createTRPCRouter({
  /** The account's audit log, newest first: who did what, to which account, from where. */
  list: tenantProcedure("audit:read")
    .meta({ openapi: { method: "GET", path: "/audit-entries", tags: ["audit"], summary: "List audit entries" } })
    .input(ListAuditEntriesInput)
    .output(ListAuditEntriesOutput)
    .query(async ({ ctx, input }) => {
      const page = await listAuditEntries(ctx.db, { accountId: ctx.accountId, ...input });
      if (!page) throw new DomainError("NOT_FOUND", problem("account_not_found", NOT_BELOW, "targetAccountId"));
      return page;
    }),
});
