import { z } from "zod";
import { SlugSchema } from "../../tenancy/slug";
import { jsonOnly } from "./rest-input";
import { nameText, plainText } from "./text";
import { PersonName, UserEmail } from "./users.schema";

const limit = (label: string) =>
  jsonOnly(
    z
      .number({ message: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(0, `${label} cannot be negative`)
      .max(100_000, `${label} is at most 100000`),
  );

export const LimitsInput = z.object({
  maxIn: limit("Inbound calls (max_in)"),
  maxOut: limit("Outbound calls (max_out)"),
  maxDialer: limit("Dialer calls (max_dialer)"),
});

const AccountName = nameText({ label: "The name", max: 120, required: "Enter a name" });
const PlanId = plainText({ label: "The plan", max: 32 }).regex(/^[a-z][a-z0-9-]{1,30}$/, "Choose a plan");
const Slug = plainText({ label: "The slug", max: 40 }).pipe(SlugSchema);
const AccountId = z.uuid({ message: "accountId must be an account id" });

export const GetChildAccountInput = z.object({ accountId: AccountId });

export const CreateChildAccountInput = z.object({
  /** Below which account: the signed-in reseller when omitted, or a reseller below it. */
  parentId: z.uuid({ message: "parentId must be an account id" }).optional(),
  name: AccountName,
  slug: Slug,
  planId: PlanId,
  isReseller: jsonOnly(z.boolean()).default(false),
  limits: LimitsInput,
  /** The account's first owner, invited by e-mail in the same transaction (the portal's form requires one). */
  owner: z.object({ name: PersonName, email: UserEmail }).optional(),
});

export const UpdateChildAccountInput = z
  .object({
    accountId: AccountId,
    name: AccountName.optional(),
    planId: PlanId.optional(),
    limits: LimitsInput.optional(),
  })
  .refine((input) => input.name !== undefined || input.planId !== undefined || input.limits !== undefined, {
    message: "Nothing to change: give a name, a plan or limits",
  });

export const SetChildAccountStatusInput = z.object({
  accountId: AccountId,
  status: z.enum(["active", "suspended", "closed"], { message: "status is active, suspended or closed" }),
});

/** The status that holds for an account: its own, or that of the account above it named in `by`. */
export const EffectiveStatusOutput = z.object({
  status: z.enum(["active", "suspended", "closed"]),
  by: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

const LimitsOutput = z.object({ maxIn: z.number().int(), maxOut: z.number().int(), maxDialer: z.number().int() });

export const ManagedAccountOutput = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  isReseller: z.boolean(),
  status: z.enum(["active", "suspended", "closed"]),
  effectiveStatus: EffectiveStatusOutput,
  planId: z.string(),
  limits: LimitsOutput,
  parent: z.object({ id: z.uuid(), name: z.string(), limits: LimitsOutput }),
  childLimitFloor: LimitsOutput,
  openChildCount: z.number().int(),
});
