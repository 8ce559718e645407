import { z } from "zod";
import { KEY_SCOPES } from "../../auth/permissions";
import { pageLimit } from "./page-limit";
import { cursorText, nameText } from "./text";

const KeyId = z.uuid({ message: "keyId must be an API key id" });

export const ListApiKeysInput = z.object({
  /** the last key of the previous page */
  cursor: cursorText((value) => z.uuid().safeParse(value).success).optional(),
  limit: pageLimit(25),
});

export const CreateApiKeyInput = z.object({
  name: nameText({ label: "The name", max: 100, required: "Name the key, like Billing export" }),
  /** permissions an API key may hold (never keys:*), among the creator's own */
  scopes: z
    .array(z.enum(KEY_SCOPES, { message: "Each scope is a permission like extensions:read" }), {
      message: "scopes is a list of permissions",
    })
    .min(1, "Give the key at least one permission.")
    .max(KEY_SCOPES.length * 2, "scopes lists each permission once"),
  /** when the key stops working; absent or null: never. Within a year. */
  expiresAt: z.coerce.date({ message: "expiresAt must be a date and time" }).nullable().optional(),
});

export const RevokeApiKeyInput = z.object({ keyId: KeyId });

const Person = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const ApiKeyOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  /** the visible start of the key, like vrk_Ab12Cd34 */
  prefix: z.string(),
  scopes: z.array(z.string()),
  status: z.enum(["active", "expired", "revoked"]),
  createdBy: Person,
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
  lastUsedIp: z.string().nullable(),
  revokedAt: z.date().nullable(),
  revokedBy: Person.nullable(),
});

export const ApiKeyPageOutput = z.object({
  /** the account whose keys these are */
  accountId: z.uuid(),
  items: z.array(ApiKeyOutput),
  nextCursor: z.string().nullable(),
});

export const CreatedApiKeyOutput = z.object({
  /** the account the key acts for (its X-Tenant is that account's slug) */
  accountId: z.uuid(),
  /** the whole key: this answer is the only time it exists outside the program that keeps it */
  key: z.string(),
  apiKey: ApiKeyOutput,
});
