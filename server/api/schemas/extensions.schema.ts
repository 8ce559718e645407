import { z } from "zod";
import { EXTENSION_NUMBER_PATTERN, EXTENSION_SEARCH_MAX, isExtensionsCursor } from "../../sip/extensions";
import { pageLimit } from "./page-limit";
import { cursorText, nameText, plainText } from "./text";

const ExtensionId = z.uuid({ message: "extensionId must be an extension id" });
const UserId = z.uuid({ message: "userId must be a user id" });

const ExtensionNumber = plainText({
  label: "The extension number",
  max: 6,
  required: "Enter an extension number",
}).regex(EXTENSION_NUMBER_PATTERN, "The extension number is 2 to 6 digits and does not start with 0, like 1002");
const ExtensionName = nameText({ label: "The name", max: 80, required: "Enter a name for the extension" });

export const ListExtensionsInput = z.object({
  search: plainText({ label: "Search", max: EXTENSION_SEARCH_MAX }).optional(),
  cursor: cursorText(isExtensionsCursor).optional(),
  limit: pageLimit(25),
});

export const GetExtensionInput = z.object({ extensionId: ExtensionId });

export const CreateExtensionInput = z.object({
  number: ExtensionNumber,
  name: ExtensionName,
  userId: UserId.nullable().optional(),
});

export const UpdateExtensionInput = z.object({
  extensionId: ExtensionId,
  number: ExtensionNumber.optional(),
  name: ExtensionName.optional(),
  userId: UserId.nullable().optional(),
});

export const DeleteExtensionInput = z.object({ extensionId: ExtensionId });

export const ExtensionOutput = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  userId: z.uuid().nullable(),
  deviceCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ExtensionPageOutput = z.object({
  /** the account whose extensions these are */
  accountId: z.uuid(),
  items: z.array(ExtensionOutput),
  nextCursor: z.string().nullable(),
});

export const DeletedOutput = z.object({ id: z.uuid() });
