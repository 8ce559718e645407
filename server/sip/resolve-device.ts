import type { PrismaClient } from "../db/types";
import { storedHostname } from "../domains/hostname";
import { AUTH_USERNAME_PATTERN } from "./devices";

/** Why a known device may not register or call now. */
export type DeviceRefusal = "device_disabled" | "account_suspended" | "account_closed";

export type ResolvedDevice = {
  /** The tenant the signalling layer binds the registration (and every look-up after it) to. */
  accountId: string;
  device: {
    id: string;
    label: string;
    authUsername: string;
    realm: string;
    extensionId: string;
    extensionNumber: string;
  };
  /** H(username:realm:password), lowercase hex: RFC 2617 (MD5) and RFC 8760 (SHA-256). */
  ha1: { md5: string; sha256: string };
  /** The device's caller ID, else the account's effective default; null when neither is set. */
  callerIdNumber: string | null;
};

export type DeviceResolution = { ok: true; resolved: ResolvedDevice } | { ok: false; reason: DeviceRefusal };

type ResolveRow = {
  device_id: string;
  account_id: string;
  extension_id: string;
  extension_number: string;
  label: string;
  auth_username: string;
  realm: string;
  ha1_md5: string;
  ha1_sha256: string;
  caller_id_number: string | null;
  device_status: "active" | "disabled";
  account_status: "active" | "suspended" | "closed";
};

/**
 * The device that authenticates as `authUsername` in `realm` (a SIP domain, the digest realm), for
 * the signalling layer, before any tenant is known: through app_resolve_device, a SECURITY DEFINER
 * function that returns this one row and nothing else. Null when no device has that identity.
 * Refused, with the reason, when the device is disabled or its account is suspended or closed,
 * itself or through an account above it. `db`: a request-role client; by default the web server's
 * own (loaded only then: it is server-only, and a signalling process outside Next passes its own).
 */
export async function resolveDevice(
  authUsername: string,
  realm: string,
  db?: Pick<PrismaClient, "$queryRaw">,
): Promise<DeviceResolution | null> {
  const hostname = storedHostname(realm);
  // What no device can be called is not worth a query.
  if (!AUTH_USERNAME_PATTERN.test(authUsername) || hostname === "" || hostname.length > 253) return null;
  const client = db ?? (await import("../db/app-client")).appDb();
  const rows = await client.$queryRaw<ResolveRow[]>`
    SELECT device_id::text, account_id::text, extension_id::text, extension_number, label, auth_username, realm,
           ha1_md5, ha1_sha256, caller_id_number, device_status::text, account_status::text
      FROM app_resolve_device(${authUsername}, ${hostname})`;
  const [row] = rows;
  if (!row) return null;
  if (row.account_status === "closed") return { ok: false, reason: "account_closed" };
  if (row.account_status === "suspended") return { ok: false, reason: "account_suspended" };
  if (row.device_status === "disabled") return { ok: false, reason: "device_disabled" };
  return {
    ok: true,
    resolved: {
      accountId: row.account_id,
      device: {
        id: row.device_id,
        label: row.label,
        authUsername: row.auth_username,
        realm: row.realm,
        extensionId: row.extension_id,
        extensionNumber: row.extension_number,
      },
      ha1: { md5: row.ha1_md5, sha256: row.ha1_sha256 },
      callerIdNumber: row.caller_id_number,
    },
  };
}
