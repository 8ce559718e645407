import { env } from "../../env";
import {
  createDevice,
  type DeviceSettings,
  deleteDevice,
  listDevices,
  listRealms,
  regenerateDeviceSecret,
  setDeviceStatus,
  updateDevice,
} from "../../sip/devices";
import {
  CreateDeviceInput,
  DeviceIdInput,
  DeviceListOutput,
  DeviceOutput,
  DeviceWithSecretOutput,
  ListDevicesInput,
  RealmListOutput,
  UpdateDeviceInput,
} from "../schemas/devices.schema";
import { DeletedOutput } from "../schemas/extensions.schema";
import { actorOf, createTRPCRouter, tenantProcedure } from "../trpc";

const settings: DeviceSettings = { developmentSuffixes: env.DOMAIN_DEV_SUFFIXES };

export const devicesRouter = createTRPCRouter({
  /** The devices (SIP identities) of one extension; never their secrets. */
  list: tenantProcedure("extensions:read")
    .meta({
      openapi: {
        method: "GET",
        path: "/extensions/{extensionId}/devices",
        tags: ["devices"],
        summary: "List an extension's devices",
      },
    })
    .input(ListDevicesInput)
    .output(DeviceListOutput)
    .query(({ ctx, input }) => listDevices(ctx.db, ctx.accountId, input)),

  /** The account's SIP domains, the realms a new device can be in (primary first). */
  realms: tenantProcedure("extensions:read")
    .output(RealmListOutput)
    .query(({ ctx }) => listRealms(ctx.db, ctx.accountId, settings)),

  /** A device with a new SIP password, returned in this answer only. */
  create: tenantProcedure("extensions:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices",
        tags: ["devices"],
        summary: "Create a device (answers its SIP password once)",
      },
    })
    .input(CreateDeviceInput)
    .output(DeviceWithSecretOutput)
    .mutation(({ ctx, input }) => createDevice(ctx.db, actorOf(ctx), input, settings)),

  /** A new SIP password, returned in this answer only; the old one stops working. */
  regenerateSecret: tenantProcedure("extensions:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/devices/{deviceId}/secret",
        tags: ["devices"],
        summary: "Give a device a new SIP password (answered once)",
      },
    })
    .input(DeviceIdInput)
    .output(DeviceWithSecretOutput)
    .mutation(({ ctx, input }) => regenerateDeviceSecret(ctx.db, actorOf(ctx), input)),

  disable: tenantProcedure("extensions:write")

    .meta({
      openapi: { method: "POST", path: "/devices/{deviceId}/disable", tags: ["devices"], summary: "Disable a device" },
    })
    .input(DeviceIdInput)
    .output(DeviceOutput)
    .mutation(({ ctx, input }) => setDeviceStatus(ctx.db, actorOf(ctx), { ...input, status: "disabled" })),

  enable: tenantProcedure("extensions:write")

    .meta({
      openapi: { method: "POST", path: "/devices/{deviceId}/enable", tags: ["devices"], summary: "Enable a device" },
    })
    .input(DeviceIdInput)
    .output(DeviceOutput)
    .mutation(({ ctx, input }) => setDeviceStatus(ctx.db, actorOf(ctx), { ...input, status: "active" })),

  /** The label, or the caller ID (empty or null: the account's default). */
  update: tenantProcedure("extensions:write")
    .meta({
      openapi: {
        method: "PATCH",
        path: "/devices/{deviceId}",
        tags: ["devices"],
        summary: "Change a device's label or caller ID",
      },
    })
    .input(UpdateDeviceInput)
    .output(DeviceOutput)
    .mutation(({ ctx, input }) => updateDevice(ctx.db, actorOf(ctx), input)),

  delete: tenantProcedure("extensions:write")

    .meta({ openapi: { method: "DELETE", path: "/devices/{deviceId}", tags: ["devices"], summary: "Delete a device" } })
    .input(DeviceIdInput)
    .output(DeletedOutput)
    .mutation(({ ctx, input }) => deleteDevice(ctx.db, actorOf(ctx), input)),
});
