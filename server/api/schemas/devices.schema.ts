import { z } from "zod";
import { storedHostname } from "../../domains/hostname";
import { AUTH_USERNAME_PATTERN } from "../../sip/devices";
import { nameText, plainText } from "./text";

const ExtensionId = z.uuid({ message: "extensionId must be an extension id" });
const DeviceId = z.uuid({ message: "deviceId must be a device id" });

const Label = nameText({ label: "The label", max: 80, required: "Enter a label, like Desk phone" });
/** E.164 or a national number of the account's country (server/sip/caller-id.ts reads it); empty: the default. */
const CallerId = plainText({ label: "The caller ID", max: 32 });

export const ListDevicesInput = z.object({ extensionId: ExtensionId });

export const CreateDeviceInput = z.object({
  extensionId: ExtensionId,
  label: Label,
  realm: plainText({ label: "The SIP domain", max: 253, required: "Choose a SIP domain" }).overwrite(storedHostname),
  authUsername: plainText({ label: "The username", max: 64, required: "Enter a username, like 1002" }).regex(
    AUTH_USERNAME_PATTERN,
    "The username is 1 to 64 lowercase letters, digits, dots, underscores or hyphens, starting with a letter or digit",
  ),
  callerIdNumber: CallerId.optional(),
});

export const DeviceIdInput = z.object({ deviceId: DeviceId });

export const UpdateDeviceInput = z.object({
  deviceId: DeviceId,
  label: Label.optional(),
  /** "" or null: use the account's default caller ID again */
  callerIdNumber: CallerId.nullable().optional(),
});

export const DeviceOutput = z.object({
  id: z.uuid(),
  extensionId: z.uuid(),
  label: z.string(),
  realm: z.string(),
  authUsername: z.string(),
  callerIdNumber: z.string().nullable(),
  effectiveCallerIdNumber: z.string().nullable(),
  status: z.enum(["active", "disabled"]),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const DeviceListOutput = z.object({ items: z.array(DeviceOutput) });

/** The password is in this answer only: it is not stored, and no later answer can show it. */
export const DeviceWithSecretOutput = z.object({ device: DeviceOutput, password: z.string() });

export const RealmListOutput = z.object({
  accountId: z.uuid(),
  realms: z.array(z.object({ hostname: z.string(), isPrimary: z.boolean(), usable: z.boolean() })),
});
