import { type Actor, changedFields, recordAudit } from "../audit/record";
import type { TenantDb } from "../db/tenant";
import { DomainError, problem } from "../domain-error";
import { verificationOf } from "../domains/verification";
import { loadEffectiveSettings } from "../tenancy/branding";
import { readCallerId } from "./caller-id";
import { isForeignKeyViolation, isUniqueViolation } from "./db-errors";
import { digestHa1, generateSipPassword } from "./digest";
import { extensionNotFound } from "./extensions";

/** What a phone sends as its digest username (the table's own check): lowercase, so no two look alike. */
export const AUTH_USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export type DeviceStatus = "active" | "disabled";

export type Device = {
  id: string;
  extensionId: string;
  label: string;
  realm: string;
  authUsername: string;
  callerIdNumber: string | null;
  /** What calls from it show: its own caller ID, else the account's effective default (null: none). */
  effectiveCallerIdNumber: string | null;
  status: DeviceStatus;
  createdAt: Date;
  updatedAt: Date;
};

/** The password is returned once, here, and never stored: only its HA1 values are. */
export type DeviceWithSecret = { device: Device; password: string };

export type DeviceSettings = { developmentSuffixes: readonly string[] };

const DEVICE_COLUMNS = {
  id: true,
  extensionId: true,
  label: true,
  realm: true,
  authUsername: true,
  callerIdNumber: true,
  status: true,
  createdAt: true,
  updatedAt: true,
} as const;

type DeviceRow = Omit<Device, "effectiveCallerIdNumber">;

function deviceNotFound(): DomainError {
  return new DomainError("NOT_FOUND", problem("device_not_found", "No such device in this account.", "deviceId"));
}

async function defaultCallerId(db: TenantDb, accountId: string): Promise<{ callerId: string | null; country: string }> {
  const settings = await loadEffectiveSettings(db, accountId);
  return { callerId: settings.defaultCidNumber.value, country: settings.country.value };
}

function present(row: DeviceRow, fallback: string | null): Device {
  return { ...row, effectiveCallerIdNumber: row.callerIdNumber ?? fallback };
}

async function requireExtension(db: TenantDb, accountId: string, extensionId: string) {
  const extension = await db.extension.findFirst({
    where: { accountId, id: extensionId },
    select: { id: true, number: true },
  });
  if (!extension) throw extensionNotFound();
  return extension;
}

async function requireDevice(db: TenantDb, accountId: string, deviceId: string): Promise<DeviceRow> {
  const device = await db.device.findFirst({ where: { accountId, id: deviceId }, select: DEVICE_COLUMNS });
  if (!device) throw deviceNotFound();
  return device;
}

async function deviceOf(db: TenantDb, accountId: string, deviceId: string): Promise<Device> {
  const row = await requireDevice(db, accountId, deviceId);
  return present(row, (await defaultCallerId(db, accountId)).callerId);
}

/** The devices of one extension of the account, oldest first. */
export async function listDevices(
  db: TenantDb,
  accountId: string,
  input: { extensionId: string },
): Promise<{ items: Device[] }> {
  await requireExtension(db, accountId, input.extensionId);
  const rows = await db.device.findMany({
    where: { accountId, extensionId: input.extensionId },
    select: DEVICE_COLUMNS,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const { callerId } = await defaultCallerId(db, accountId);
  return { items: rows.map((row) => present(row, callerId)) };
}

/**
 * The realm must be one of the account's SIP domains, and proved: verified, or a development name.
 * An unverified claim may be released when another account verifies the name, and a device on it
 * would then stand in the way (and its identity would not be the account's to give).
 */
async function requireRealm(db: TenantDb, accountId: string, realm: string, settings: DeviceSettings): Promise<void> {
  const domain = await db.hostMapping.findFirst({
    where: { accountId, hostname: realm, kind: "sip" },
    select: { hostname: true, verified: true },
  });
  if (!domain) {
    throw new DomainError(
      "NOT_FOUND",
      problem(
        "realm_not_found",
        `${realm} is not a SIP domain of this account; add it on the Domains page first, or choose one of its SIP domains.`,
        "realm",
      ),
    );
  }
  if (verificationOf(domain, settings.developmentSuffixes) === null) {
    throw new DomainError(
      "BAD_REQUEST",
      problem("realm_unverified", `Verify ${realm} on the Domains page before adding devices to it.`, "realm"),
    );
  }
}

function usernameTaken(username: string, realm: string): DomainError {
  return new DomainError(
    "CONFLICT",
    problem(
      "username_taken",
      `The username ${username} is in use in ${realm} already; choose another.`,
      "authUsername",
    ),
  );
}

/** A new device with a new password, returned this once. */
export async function createDevice(
  db: TenantDb,
  actor: Actor,
  input: { extensionId: string; label: string; realm: string; authUsername: string; callerIdNumber?: string },
  settings: DeviceSettings,
): Promise<DeviceWithSecret> {
  const accountId = actor.accountId;
  const extension = await requireExtension(db, accountId, input.extensionId);
  await requireRealm(db, accountId, input.realm, settings);
  const defaults = await defaultCallerId(db, accountId);
  const callerIdNumber = readCallerId(input.callerIdNumber, defaults.country);
  const password = generateSipPassword();
  const ha1 = digestHa1(input.authUsername, input.realm, password);
  let id: string;
  try {
    ({ id } = await db.device.create({
      data: {
        accountId,
        extensionId: extension.id,
        label: input.label,
        realm: input.realm,
        authUsername: input.authUsername,
        ha1Md5: ha1.md5,
        ha1Sha256: ha1.sha256,
        callerIdNumber,
      },
      select: { id: true },
    }));
  } catch (error) {
    if (isUniqueViolation(error, "devices_realm_username_unique", ["realm", "auth_username"]))
      throw usernameTaken(input.authUsername, input.realm);
    // The domain was removed meanwhile (the check above saw it).
    if (isForeignKeyViolation(error))
      throw new DomainError(
        "NOT_FOUND",
        problem("realm_not_found", `${input.realm} is not a SIP domain of this account.`, "realm"),
      );
    throw error;
  }
  await recordAudit(db, actor, {
    action: "device.created",
    targetAccountId: accountId,
    details: {
      after: {
        id,
        extension: extension.number,
        label: input.label,
        identity: `${input.authUsername}@${input.realm}`,
        callerIdNumber,
      },
    },
  });
  return { device: present(await requireDevice(db, accountId, id), defaults.callerId), password };
}

/** A new password for the device; the old one stops working at once (its HA1 values are replaced). */
export async function regenerateDeviceSecret(
  db: TenantDb,
  actor: Actor,
  input: { deviceId: string },
): Promise<DeviceWithSecret> {
  const accountId = actor.accountId;
  const device = await requireDevice(db, accountId, input.deviceId);
  const password = generateSipPassword();
  const ha1 = digestHa1(device.authUsername, device.realm, password);
  await db.device.updateMany({
    where: { accountId, id: device.id },
    data: { ha1Md5: ha1.md5, ha1Sha256: ha1.sha256 },
  });
  await recordAudit(db, actor, {
    action: "device.secret_regenerated",
    targetAccountId: accountId,
    details: { id: device.id, identity: `${device.authUsername}@${device.realm}` },
  });
  return { device: await deviceOf(db, accountId, device.id), password };
}

/** Disables or enables a device: a disabled one is refused at registration (resolveDevice). */
export async function setDeviceStatus(
  db: TenantDb,
  actor: Actor,
  input: { deviceId: string; status: DeviceStatus },
): Promise<Device> {
  const accountId = actor.accountId;
  const device = await requireDevice(db, accountId, input.deviceId);
  if (device.status !== input.status) {
    await db.device.updateMany({ where: { accountId, id: device.id }, data: { status: input.status } });
    await recordAudit(db, actor, {
      action: input.status === "disabled" ? "device.disabled" : "device.enabled",
      targetAccountId: accountId,
      details: {
        id: device.id,
        identity: `${device.authUsername}@${device.realm}`,
        before: { status: device.status },
        after: { status: input.status },
      },
    });
  }
  return deviceOf(db, accountId, device.id);
}

/** Changes a device's label or caller ID (null or "": the account's default again). */
export async function updateDevice(
  db: TenantDb,
  actor: Actor,
  input: { deviceId: string; label?: string; callerIdNumber?: string | null },
): Promise<Device> {
  const accountId = actor.accountId;
  const device = await requireDevice(db, accountId, input.deviceId);
  const { country } = await defaultCallerId(db, accountId);
  const callerIdNumber = input.callerIdNumber === undefined ? undefined : readCallerId(input.callerIdNumber, country);
  const change = changedFields(
    { label: device.label, callerIdNumber: device.callerIdNumber },
    { label: input.label, callerIdNumber },
  );
  if (Object.keys(change.after).length > 0) {
    await db.device.updateMany({ where: { accountId, id: device.id }, data: { label: input.label, callerIdNumber } });
    await recordAudit(db, actor, {
      action: "device.updated",
      targetAccountId: accountId,
      details: { id: device.id, identity: `${device.authUsername}@${device.realm}`, ...change },
    });
  }
  return deviceOf(db, accountId, device.id);
}

/** Deletes a device for good: its identity stops registering and may be given again. */
export async function deleteDevice(db: TenantDb, actor: Actor, input: { deviceId: string }): Promise<{ id: string }> {
  const accountId = actor.accountId;
  const device = await requireDevice(db, accountId, input.deviceId);
  await db.device.deleteMany({ where: { accountId, id: device.id } });
  await recordAudit(db, actor, {
    action: "device.deleted",
    targetAccountId: accountId,
    details: {
      before: {
        id: device.id,
        label: device.label,
        identity: `${device.authUsername}@${device.realm}`,
        status: device.status,
      },
    },
  });
  return { id: device.id };
}

export type Realm = { hostname: string; isPrimary: boolean; usable: boolean };

/** The account's SIP domains as realms for new devices: primary first; `usable` once proved (verified or a development name). */
export async function listRealms(
  db: TenantDb,
  accountId: string,
  settings: DeviceSettings,
): Promise<{ accountId: string; realms: Realm[] }> {
  const domains = await db.hostMapping.findMany({
    where: { accountId, kind: "sip" },
    select: { hostname: true, isPrimary: true, verified: true },
    orderBy: [{ isPrimary: "desc" }, { hostname: "asc" }],
  });
  return {
    accountId,
    realms: domains.map((domain) => ({
      hostname: domain.hostname,
      isPrimary: domain.isPrimary,
      usable: verificationOf(domain, settings.developmentSuffixes) !== null,
    })),
  };
}
