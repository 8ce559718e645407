import { z } from "zod";
import { DOMAIN_KINDS, domainHostnameSchema, storedHostname } from "../../domains/hostname";
import { env } from "../../env";
import { plainText } from "./text";

const AccountId = z.uuid({ message: "accountId must be an account id" });
const DomainKind = z.enum(DOMAIN_KINDS, { message: "kind is brand or sip" });
/** A domain the account has: only put in its stored form here, the look-up decides whether it exists. */
const ExistingHostname = plainText({ label: "The host name", max: 253 })
  .overwrite(storedHostname)
  .refine((hostname) => hostname !== "", { message: "Enter a host name", params: { reason: "required" } });

export const ListDomainsInput = z.object({ accountId: AccountId });

export const AddDomainInput = z.object({
  accountId: AccountId,
  hostname: domainHostnameSchema(env.PLATFORM_HOSTS),
  kind: DomainKind,
});

export const RemoveDomainInput = z.object({ accountId: AccountId, hostname: ExistingHostname });

export const MakePrimaryDomainInput = z.object({ accountId: AccountId, hostname: ExistingHostname });

export const VerifyDomainInput = z.object({ accountId: AccountId, hostname: ExistingHostname });

export const AccountDomainsOutput = z.object({
  account: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  domains: z.array(
    z.object({
      hostname: z.string(),
      displayName: z.string(),
      kind: DomainKind,
      isPrimary: z.boolean(),
      verified: z.boolean(),
      verification: z.enum(["dns", "development"]).nullable(),
      record: z.object({ name: z.string(), type: z.literal("TXT"), value: z.string() }).nullable(),
      createdAt: z.date(),
    }),
  ),
});
