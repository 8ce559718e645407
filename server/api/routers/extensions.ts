import { createExtension, deleteExtension, getExtension, listExtensions, updateExtension } from "../../sip/extensions";
import {
  CreateExtensionInput,
  DeletedOutput,
  DeleteExtensionInput,
  ExtensionOutput,
  ExtensionPageOutput,
  GetExtensionInput,
  ListExtensionsInput,
  UpdateExtensionInput,
} from "../schemas/extensions.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

export const extensionsRouter = createTRPCRouter({
  /** The account's extensions in dialling order, a page at a time; search by number or name. */
  list: tenantProcedure("extensions:read")
    .meta({ openapi: { method: "GET", path: "/extensions", tags: ["extensions"], summary: "List extensions" } })
    .input(ListExtensionsInput)
    .output(ExtensionPageOutput)
    .query(({ ctx, input }) => listExtensions(ctx.db, ctx.accountId, input)),

  get: tenantProcedure("extensions:read")

    .meta({
      openapi: { method: "GET", path: "/extensions/{extensionId}", tags: ["extensions"], summary: "Get an extension" },
    })
    .input(GetExtensionInput)
    .output(ExtensionOutput)
    .query(({ ctx, input }) => getExtension(ctx.db, ctx.accountId, input.extensionId)),

  /** A new extension; its number is unique within the account (`extension_taken` at `number`). */
  create: tenantProcedure("extensions:write")
    .meta({ openapi: { method: "POST", path: "/extensions", tags: ["extensions"], summary: "Create an extension" } })
    .input(CreateExtensionInput)
    .output(ExtensionOutput)
    .mutation(({ ctx, input }) => createExtension(ctx.db, actorOf(ctx), input)),

  update: tenantProcedure("extensions:write")

    .meta({
      openapi: {
        method: "PATCH",
        path: "/extensions/{extensionId}",
        tags: ["extensions"],
        summary: "Change an extension",
      },
    })
    .input(UpdateExtensionInput)
    .output(ExtensionOutput)
    .mutation(({ ctx, input }) => updateExtension(ctx.db, actorOf(ctx), input)),

  /** Refused while the extension has devices or calls are routed to it. */
  delete: tenantProcedure("extensions:write")
    .meta({
      openapi: {
        method: "DELETE",
        path: "/extensions/{extensionId}",
        tags: ["extensions"],
        summary: "Delete an extension",
      },
    })
    .input(DeleteExtensionInput)
    .output(DeletedOutput)
    .mutation(({ ctx, input }) => deleteExtension(ctx.db, actorOf(ctx), input)),
});
