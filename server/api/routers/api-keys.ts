import { TRPCError } from "@trpc/server";
import type { Permission } from "../../auth/permissions";
import { DomainError, problem } from "../../domain-error";
import { createApiKey } from "../../keys/create";
import { listApiKeys } from "../../keys/list";
import { revokeApiKey } from "../../keys/revoke";
import { grantableScopes } from "../../keys/scopes";
import {
  ApiKeyOutput,
  ApiKeyPageOutput,
  CreateApiKeyInput,
  CreatedApiKeyOutput,
  ListApiKeysInput,
  RevokeApiKeyInput,
} from "../schemas/api-keys.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

const USER_ONLY = "Only a person can do this, not an API key.";

/** A tenant procedure only a person may call: keys are made and revoked by people. */
const personProcedure = (permission: Permission) =>
  tenantProcedure(permission).use(({ ctx, next }) => {
    if (ctx.principal.actor.kind !== "user") {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: USER_ONLY,
        cause: new DomainError("FORBIDDEN", problem("user_only", USER_ONLY)),
      });
    }
    return next();
  });

export const apiKeysRouter = createTRPCRouter({
  /** The account's keys, newest first, revoked and expired ones included; never a secret. */
  list: tenantProcedure("keys:read")
    .input(ListApiKeysInput)
    .output(ApiKeyPageOutput)
    .query(({ ctx, input }) => listApiKeys(ctx.db, ctx.accountId, input)),

  /**
   * A new key with scopes the person holds themselves (`scope_not_grantable`), within the live-key
   * limit (`key_limit`). The answer's `key` is shown once: only its hash is kept.
   */
  create: personProcedure("keys:write")
    .input(CreateApiKeyInput)
    .output(CreatedApiKeyOutput)
    .mutation(({ ctx, input }) =>
      createApiKey(ctx.db, actorOf(ctx), grantableScopes(ctx.principal.permissions), input),
    ),

  /** Stops a key at once; revoking a revoked key changes nothing and answers it as it is. */
  revoke: personProcedure("keys:write")
    .input(RevokeApiKeyInput)
    .output(ApiKeyOutput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, actorOf(ctx), input)),
});
