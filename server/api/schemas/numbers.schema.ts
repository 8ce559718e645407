import { z } from "zod";
import { E164 } from "../../numbers/format";
import { DESTINATION_KINDS } from "../../routing/destinations";
import { pageLimit } from "./page-limit";
import { cursorText, plainText } from "./text";

const NumberId = z.uuid({ message: "numberId must be a number id" });
const DestinationKind = z.enum(DESTINATION_KINDS, { message: "kind is extension, department or schedule" });

export const ListNumbersInput = z.object({
  /** `account`: the numbers the account holds; `pool`: a reseller's pool, wherever each is held. */
  view: z.enum(["account", "pool"], { message: "view is account or pool" }).default("account"),
  search: plainText({ label: "Search", max: 40 }).optional(),
  /** The last number of the previous page. */
  cursor: cursorText((cursor) => E164.test(cursor)).optional(),
  limit: pageLimit(25),
});

export const GetNumberInput = z.object({ numberId: NumberId });

export const AssignNumberInput = z.object({
  numberId: NumberId,
  accountId: z.uuid({ message: "accountId must be an account id" }),
});

export const TakeBackNumberInput = z.object({ numberId: NumberId });

export const RouteNumberInput = z.object({
  numberId: NumberId,
  /** null: the account's default destination. */
  destination: z
    .object(
      { kind: DestinationKind, id: z.uuid({ message: "Choose a destination" }) },
      { message: "Choose a destination" },
    )
    .nullable(),
});

export const DestinationOutput = z.object({ kind: DestinationKind, id: z.uuid(), label: z.string() });

const Formatted = {
  id: z.uuid(),
  e164: z.string(),
  international: z.string(),
  national: z.string().nullable(),
};

export const AccountNumberOutput = z.object({ ...Formatted, route: DestinationOutput.nullable() });

export const PoolNumberOutput = z.object({
  ...Formatted,
  holder: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
});

export const NumbersPageOutput = z.discriminatedUnion("view", [
  z.object({ view: z.literal("account"), items: z.array(AccountNumberOutput), nextCursor: z.string().nullable() }),
  z.object({ view: z.literal("pool"), items: z.array(PoolNumberOutput), nextCursor: z.string().nullable() }),
]);

/** The account whose destinations these are, and its destinations. */
export const DestinationsOutput = z.object({ accountId: z.uuid(), items: z.array(DestinationOutput) });
