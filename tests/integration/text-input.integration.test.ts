/**
 * Every text input of every procedure, and of the sign-in form, refuses what must never enter:
 * a NUL byte (PostgreSQL answers it with an error, which became a 500 with its message), control
 * characters, and, in names, invisible and reordering characters; every cursor is decoded in full. The text leaves are found by
 * walking each input schema, so a new text field is checked here as soon as it exists: its
 * procedure's entry in VALID_INPUTS must give it a value, or this file fails.
 */

import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { appRouter, type createCaller } from "@/server/api/root";
import { SignInInput } from "@/server/auth/sign-in";
import { CHANGEABLE_KEYS, SETTINGS } from "@/server/settings/registry";
import type { HostResolution } from "@/server/tenancy/host-resolver";
import { callerAs } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

const PLATFORM_HOST: HostResolution = { kind: "platform", hostname: "localhost" };
const NO_SUCH_ID = "00000000-0000-4000-8000-00000000abcd";
const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/**
 * Per procedure with input: an input that passes validation, as the VoiceReseller owner sends it.
 * Queries read the reseller's own data. Mutations aim at Acme, outside its tree, so that an input
 * accepted by mistake still changes nothing (NOT_FOUND after validation). Every text leaf of the
 * schema has a value here, so that each one can be replaced by a bad value in turn.
 */
const VALID_INPUTS: Record<string, (ids: DemoIds) => unknown> = {
  "accounts.listChildren": (ids) => ({
    parentId: ids.voicereseller.accountId,
    search: "bistro",
    cursor: "aaa",
    limit: 10,
  }),
  "accounts.get": (ids) => ({ accountId: ids.bistro.accountId }),
  "accounts.create": (ids) => ({
    parentId: ids.acme.accountId,
    name: "Harbour Vet",
    slug: "harbour-vet-text-input",
    planId: "starter",
    isReseller: false,
    limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
    owner: { name: "Harbour Owner", email: "owner@harbour-vet.test" },
  }),
  "accounts.update": (ids) => ({
    accountId: ids.acme.accountId,
    name: "Acme",
    planId: "starter",
    limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
  }),
  "accounts.setStatus": (ids) => ({ accountId: ids.acme.accountId, status: "suspended" }),
  "audit.list": (ids) => ({
    action: "account.create",
    targetAccountId: ids.bistro.accountId,
    cursor: "2026-01-01T00:00:00.000Z_00000000-0000-4000-8000-000000000000",
    limit: 10,
  }),
  "branding.get": (ids) => ({ accountId: ids.voicereseller.accountId }),
  "branding.update": (ids) => ({
    accountId: ids.acme.accountId,
    // Every setting a change can set, as the registry's example of it.
    changes: Object.fromEntries(CHANGEABLE_KEYS.map((key) => [key, SETTINGS[key].example])),
    logo: { base64: PNG_BASE64 },
  }),
  "domains.list": (ids) => ({ accountId: ids.voicereseller.accountId }),
  "domains.add": (ids) => ({ accountId: ids.acme.accountId, hostname: "text-input.example.com", kind: "brand" }),
  "domains.remove": (ids) => ({ accountId: ids.acme.accountId, hostname: "acme.localhost" }),
  "domains.makePrimary": (ids) => ({ accountId: ids.acme.accountId, hostname: "acme.localhost" }),
  "domains.verify": (ids) => ({ accountId: ids.acme.accountId, hostname: "acme.localhost" }),
  "openAs.start": (ids) => ({ accountId: ids.acme.accountId }),
  // Switching off changes nothing the reseller had on.
  "dashboard.setFeature": () => ({ switch: "callRecording", enabled: false }),
  "numbers.list": () => ({ view: "pool", search: "+1 212", cursor: "+12125550100", limit: 10 }),
  "numbers.get": () => ({ numberId: NO_SUCH_ID }),
  "numbers.route": () => ({ numberId: NO_SUCH_ID, destination: { kind: "extension", id: NO_SUCH_ID } }),
  "numbers.assign": (ids) => ({ numberId: NO_SUCH_ID, accountId: ids.acme.accountId }),
  "numbers.takeBack": () => ({ numberId: NO_SUCH_ID }),
  // Departments and schedules of the reseller's own account; the writes name a user or a
  // destination of Acme, so that they stop at NOT_FOUND after validation.
  "departments.list": () => ({ search: "front desk", page: 1, pageSize: 10 }),
  "departments.get": () => ({ id: NO_SUCH_ID }),
  "departments.create": (ids) => ({
    name: "Text input desk",
    ringStrategy: "in_order",
    memberIds: [ids.acme.ownerUserId],
  }),
  "departments.update": (ids) => ({
    id: NO_SUCH_ID,
    name: "Text input desk",
    ringStrategy: "simultaneous",
    memberIds: [ids.acme.ownerUserId],
  }),
  "departments.delete": () => ({ id: NO_SUCH_ID }),
  "schedules.list": () => ({ search: "office", page: 1, pageSize: 10 }),
  "schedules.get": () => ({ id: NO_SUCH_ID }),
  "schedules.create": () => ({
    name: "Text input hours",
    timezone: "Europe/Paris",
    hours: [{ weekday: 1, opens: "09:00", closes: "17:00" }],
    holidays: [{ day: "2026-12-25", name: "Christmas" }],
    open: { kind: "department", id: NO_SUCH_ID },
    closed: { kind: "extension", id: NO_SUCH_ID },
  }),
  "schedules.update": () => ({
    id: NO_SUCH_ID,
    name: "Text input hours",
    timezone: "Europe/Paris",
    open: { kind: "department", id: NO_SUCH_ID },
    closed: { kind: "extension", id: NO_SUCH_ID },
  }),
  "schedules.delete": () => ({ id: NO_SUCH_ID }),
  "users.list": () => ({ search: "owner", status: "active", cursor: "a@voicereseller.test", limit: 10 }),
  "users.get": (ids) => ({ userId: ids.acme.ownerUserId }),
  // The reseller's own owner's address: email_taken (CONFLICT), so nothing is written.
  "users.invite": (ids) => ({ email: ids.voicereseller.ownerEmail, name: "Someone New", role: "member" }),
  "users.update": (ids) => ({ userId: ids.acme.ownerUserId, name: "Someone", role: "member" }),
  "users.deactivate": (ids) => ({ userId: ids.acme.ownerUserId }),
  "users.reactivate": (ids) => ({ userId: ids.acme.ownerUserId }),
  "users.resendInvitation": (ids) => ({ userId: ids.acme.ownerUserId }),
  // A token nobody issued: NOT_FOUND after validation, nothing written.
  "invitation.read": () => ({ token: UNKNOWN_TOKEN }),
  "invitation.accept": () => ({ token: UNKNOWN_TOKEN, name: "Ada Lovelace", password: "a long new password" }),
  "passwordReset.request": () => ({ tenant: "acme", email: "nobody-text-input@acme.test" }),
  "passwordReset.check": () => ({ token: UNKNOWN_TOKEN }),
  "passwordReset.reset": () => ({ token: UNKNOWN_TOKEN, password: "a long new password" }),
  // The owner's own name, unchanged: nothing written.
  "profile.updateName": () => ({ name: "VoiceReseller Inc. Owner" }),
  // A wrong current password: refused before anything is written (see VALID_INPUT_REFUSALS).
  "profile.changePassword": () => ({ currentPassword: "not the password", newPassword: "a long new password" }),
  // The reseller has no extensions or devices: ids of none answer NOT_FOUND; a user of Acme too.
  "extensions.list": () => ({ search: "1002", cursor: "1001", limit: 10 }),
  "extensions.get": () => ({ extensionId: NO_SUCH_ID }),
  "extensions.create": (ids) => ({ number: "1003", name: "Front desk", userId: ids.acme.ownerUserId }),
  "extensions.update": (ids) => ({
    extensionId: NO_SUCH_ID,
    number: "1003",
    name: "Front desk",
    userId: ids.acme.ownerUserId,
  }),
  "extensions.delete": () => ({ extensionId: NO_SUCH_ID }),
  "devices.list": () => ({ extensionId: NO_SUCH_ID }),
  "devices.create": () => ({
    extensionId: NO_SUCH_ID,
    label: "Desk phone",
    realm: "sip.bistro.localhost",
    authUsername: "1002",
    callerIdNumber: "+14155550123",
  }),
  "devices.regenerateSecret": () => ({ deviceId: NO_SUCH_ID }),
  "devices.disable": () => ({ deviceId: NO_SUCH_ID }),
  "devices.enable": () => ({ deviceId: NO_SUCH_ID }),
  "devices.update": () => ({ deviceId: NO_SUCH_ID, label: "Desk phone", callerIdNumber: "+14155550123" }),
  "devices.delete": () => ({ deviceId: NO_SUCH_ID }),
  "apiKeys.list": () => ({ cursor: NO_SUCH_ID, limit: 10 }),
  // An expiry beyond a year: refused after validation, so no key is made (see VALID_INPUT_REFUSALS).
  "apiKeys.create": () => ({
    name: "Text input key",
    scopes: ["account:read"],
    expiresAt: new Date(Date.now() + 2 * 366 * 24 * 3600 * 1000),
  }),
  "apiKeys.revoke": () => ({ keyId: NO_SUCH_ID }),
  "billing.wallet": (ids) => ({ accountId: ids.voicereseller.accountId }),
  "billing.entries": (ids) => ({ accountId: ids.voicereseller.accountId, kind: "top_up", cursor: "1", limit: 10 }),
  "billing.calls": (ids) => ({
    accountId: ids.voicereseller.accountId,
    direction: "out",
    search: "33 1 99",
    fromDay: "2026-11-01",
    toDay: "2026-11-30",
    cursor: "2026-11-30T10:00:00.000Z_call-1",
    limit: 10,
  }),
  "billing.usage": () => ({ fromDay: "2026-11-01", toDay: "2026-11-30" }),
  "billing.childrenReport": (ids) => ({ fromDay: "2026-11-01", toDay: "2026-11-30", accountId: ids.bistro.accountId }),
  "billing.setMarkup": () => ({ markupBasisPoints: 2500 }),
  "billing.statement": (ids) => ({ accountId: ids.voicereseller.accountId, month: "2026-11" }),
  // A price for a prefix nobody calls; set and removed by the reseller itself (its own data).
  "billing.setPrice": () => ({
    direction: "out",
    prefix: "999",
    pricePerMinuteMicros: 12_500,
    increment: { first: 60, next: 60 },
  }),
  "billing.removePrice": () => ({ overrideId: NO_SUCH_ID }),
  "billing.topUp": (ids) => ({
    accountId: ids.acme.accountId,
    amountMinor: 100,
    reason: "Text input",
    idempotencyKey: "text-input-top-up",
  }),
  "billing.adjust": (ids) => ({
    accountId: ids.acme.accountId,
    kind: "refund",
    amountMinor: 100,
    reason: "Text input",
    idempotencyKey: "text-input-adjust",
  }),
  "billing.setCreditLimit": (ids) => ({ accountId: ids.acme.accountId, creditLimitMinor: 100 }),
  "billing.setAlertThreshold": (ids) => ({ accountId: ids.acme.accountId, thresholdMinor: 100 }),
};

const UNKNOWN_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** Procedures whose valid input is refused by a rule rather than answered: the refusal's reason. */
const VALID_INPUT_REFUSALS: Record<string, string> = {
  "profile.changePassword": "wrong_password",
  "apiKeys.create": "expiry_too_far",
};

/** The text inputs that are names people read in lists: no invisible or reordering characters. */
const NAME_FIELDS: Record<string, readonly string[]> = {
  "accounts.create": ["name", "owner.name"],
  "accounts.update": ["name"],
  "departments.create": ["name"],
  "departments.update": ["name"],
  "schedules.create": ["name"],
  "schedules.update": ["name"],
  "branding.update": ["changes.brandName"],
  "users.invite": ["name"],
  "users.update": ["name"],
  "invitation.accept": ["name"],
  "profile.updateName": ["name"],
  "extensions.create": ["name"],
  "extensions.update": ["name"],
  "devices.create": ["label"],
  "devices.update": ["label"],
  "apiKeys.create": ["name"],
  "billing.topUp": ["reason"],
  "billing.adjust": ["reason"],
};

/** What must be refused in any text, with the field named. */
const CONTROL_VALUES = [
  ["a NUL byte", "a\u0000b"],
  ["a NUL byte alone", "\u0000"],
  ["a line break", "a\nb"],
  ["a lone surrogate half", "a\ud800b"],
] as const;

/** What must be refused in names, and must never fail anywhere else. */
const INVISIBLE_VALUES = [
  ["a right-to-left override", "Acme\u202eevil", ["format_character"]],
  ["only zero-width spaces", "\u200b\u200b\u200b", ["format_character", "no_visible_character"]],
  ["a Hangul filler alone", "\u3164", ["no_visible_character"]],
] as const;

// THE WALK ----------------------------------------------------------------------------------------

type SchemaDef = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
};

/** The paths of the text (string or enum) leaves of a zod schema, as field names. */
function textLeaves(schema: z.ZodType, path: string[] = []): string[] {
  const def = schema._zod.def as unknown as SchemaDef;
  switch (def.type) {
    case "string":
    case "enum":
      return [path.join(".")];
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => textLeaves(value, [...path, key]));
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return def.innerType ? textLeaves(def.innerType, path) : [];
    case "pipe":
      return def.in ? textLeaves(def.in, path) : [];
    default:
      return [];
  }
}

const ProcedureDef = z.object({ type: z.string(), inputs: z.array(z.custom<z.ZodType>()) });

function proceduresWithInput(): { path: string; leaves: string[] }[] {
  return Object.entries(appRouter._def.procedures as Record<string, unknown>).flatMap(([path, procedure]) => {
    const def = ProcedureDef.parse(Reflect.get(procedure as object, "_def"));
    if (def.inputs.length === 0) return [];
    return [{ path, leaves: def.inputs.flatMap((input) => textLeaves(input)) }];
  });
}

function valueAt(input: unknown, field: string): unknown {
  return field.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], input);
}

function withValue(input: unknown, field: string, value: unknown): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  const keys = field.split(".");
  const last = keys.pop() as string;
  const parent = keys.reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, copy);
  parent[last] = value;
  return copy;
}

function callByPath(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<unknown> {
  const target = path.split(".").reduce<unknown>((node, key) => Reflect.get(node as object, key), caller);
  if (typeof target !== "function") throw new Error(`${path}: not a procedure`);
  return Promise.resolve(Reflect.apply(target, undefined, [input]));
}

/** The call's error, or null when it answered. Anything but a TRPCError fails the test. */
async function outcome(call: Promise<unknown>): Promise<TRPCError | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return error;
  }
}

// THE TESTS ---------------------------------------------------------------------------------------

let app: PrismaClient;
let owner: PrismaClient;
let ids: DemoIds;
let caller: ReturnType<typeof createCaller>;

beforeAll(async () => {
  ({ app, owner, ids } = await connectDemoDatabase());
  caller = callerAs(
    app,
    { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
    { host: PLATFORM_HOST, setCookie: () => undefined },
  );
});

afterAll(async () => {
  await app?.$disconnect();
  await owner?.$disconnect();
});

const PROCEDURES = proceduresWithInput();

describe("the table of text inputs", () => {
  it("finds the text inputs of the procedures", () => {
    expect(PROCEDURES.find((procedure) => procedure.path === "branding.update")?.leaves).toEqual(
      expect.arrayContaining(["accountId", "changes.brandName", "changes.defaultDestination.id", "logo.base64"]),
    );
  });

  it("has a valid input for every procedure that takes input, and no stale entry", () => {
    expect(PROCEDURES.map((procedure) => procedure.path).sort()).toEqual(Object.keys(VALID_INPUTS).sort());
  });

  it.each(PROCEDURES.map((procedure) => [procedure.path, procedure.leaves] as const))(
    "%s: its valid input gives every text input a value",
    (path, leaves) => {
      const input = VALID_INPUTS[path]?.(ids);
      expect(leaves.filter((field) => typeof valueAt(input, field) !== "string")).toEqual([]);
    },
  );

  it.each(PROCEDURES.map((procedure) => [procedure.path] as const))(
    "%s: its valid input passes validation",
    async (path) => {
      const error = await outcome(callByPath(caller, path, VALID_INPUTS[path]?.(ids)));
      const refusal = VALID_INPUT_REFUSALS[path];
      if (refusal) {
        expect(error && problemsOf(error).map((problem) => problem.reason)).toEqual([refusal]);
        return;
      }
      expect(error === null || ["NOT_FOUND", "CONFLICT"].includes(error.code), error?.message).toBe(true);
    },
  );
});

// A procedure whose input has no text (billing.setMarkup: one number) has nothing to check here.
const WITH_TEXT = PROCEDURES.filter((procedure) => procedure.leaves.length > 0);

describe.each(WITH_TEXT.map((procedure) => [procedure.path, procedure.leaves] as const))("%s", (path, leaves) => {
  it.each(leaves.flatMap((field) => CONTROL_VALUES.map(([name, value]) => [field, name, value] as const)))(
    "%s: %s is BAD_REQUEST about that field",
    async (field, _name, value) => {
      const error = await outcome(callByPath(caller, path, withValue(VALID_INPUTS[path]?.(ids), field, value)));
      expect(error?.code).toBe("BAD_REQUEST");
      const problems = problemsOf(error as TRPCError);
      expect(problems.filter((problem) => problem.field === field).map((problem) => problem.reason)).not.toEqual([]);
      expect(problems.every((problem) => /^[a-z][a-z0-9_]*$/.test(problem.reason))).toBe(true);
    },
  );

  it.each(
    leaves.flatMap((field) => INVISIBLE_VALUES.map(([name, value, reasons]) => [field, name, value, reasons] as const)),
  )("%s: %s never fails the server, and a name refuses it", async (field, _name, value, reasons) => {
    const error = await outcome(callByPath(caller, path, withValue(VALID_INPUTS[path]?.(ids), field, value)));
    expect(error?.code).not.toBe("INTERNAL_SERVER_ERROR");
    if (NAME_FIELDS[path]?.includes(field)) {
      expect(error?.code).toBe("BAD_REQUEST");
      const found = problemsOf(error as TRPCError).filter((problem) => problem.field === field);
      expect(found.some((problem) => (reasons as readonly string[]).includes(problem.reason))).toBe(true);
    } else if (error?.code === "BAD_REQUEST") {
      expect(problemsOf(error).some((problem) => problem.field === field)).toBe(true);
    }
  });
});

describe("names", () => {
  it("the table names only real text inputs", () => {
    for (const [path, fields] of Object.entries(NAME_FIELDS)) {
      const leaves = PROCEDURES.find((procedure) => procedure.path === path)?.leaves ?? [];
      expect(leaves).toEqual(expect.arrayContaining([...fields]));
    }
  });

  it("a name is stored normalised: NFC, one space between words", async () => {
    const created = await caller.accounts.create({
      name: "  Cafe\u0301 \u00a0 Ro\u0308ssli ",
      slug: "cafe-rossli-text-input",
      planId: "starter",
      isReseller: false,
      limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
    });
    try {
      expect(created.name).toBe("Caf\u00e9 R\u00f6ssli");
    } finally {
      await owner.auditEntry.deleteMany({ where: { targetAccountId: created.id } });
      await owner.account.delete({ where: { id: created.id } });
    }
  });
});

describe("the sign-in input", () => {
  it.each([
    ["email", { email: "owner@acme.test\u0000", password: "x", tenant: "acme" }],
    ["tenant", { email: "owner@acme.test", password: "x", tenant: "acme\u0000" }],
  ])("refuses a NUL byte in %s, about that field", (field, input) => {
    const parsed = SignInInput.safeParse(input);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(field);
  });
});

describe("cursors", () => {
  const AN_ID = "00000000-0000-4000-8000-000000000000";
  it.each([
    ["audit.list", "2026-01-01T00:00:00.000Z_x"],
    ["audit.list", `2026-01-01T00:00:00.000Z_${AN_ID}_x`],
    ["audit.list", `2026-02-30T00:00:00.000Z_${AN_ID}`],
    ["audit.list", `2026-01-01_${AN_ID}`],
    ["audit.list", `x_${AN_ID}`],
    ["audit.list", AN_ID],
    ["accounts.listChildren", "Not-A-Slug"],
    ["accounts.listChildren", "a"],
    ["accounts.listChildren", "a".repeat(300)],
    ["numbers.list", "33199001234"],
    ["numbers.list", "+0123456789"],
    ["extensions.list", "0123"],
    ["extensions.list", "12345678"],
    ["apiKeys.list", "not-a-key-id"],
    ["billing.entries", "0"],
    ["billing.entries", "12abc"],
    ["billing.calls", "2026-11-30T10:00:00Z_call-1"],
    ["billing.calls", "2026-02-30T10:00:00.000Z_call-1"],
    ["billing.calls", "call-1"],
  ])("%s refuses the cursor %j as invalid_cursor", async (path, cursor) => {
    const error = await outcome(callByPath(caller, path, withValue(VALID_INPUTS[path]?.(ids), "cursor", cursor)));
    expect(error?.code).toBe("BAD_REQUEST");
    expect(problemsOf(error as TRPCError)).toEqual([
      { reason: "invalid_cursor", field: "cursor", message: "cursor must come from a previous page" },
    ]);
  });
});

describe("refusals of an id", () => {
  it.each([
    ["accounts.listChildren", "parentId"],
    ["accounts.create", "parentId"],
    ["accounts.update", "accountId"],
    ["audit.list", "targetAccountId"],
    ["branding.update", "accountId"],
    ["domains.add", "accountId"],
    ["numbers.assign", "accountId"],
    ["billing.wallet", "accountId"],
    ["billing.calls", "accountId"],
    ["billing.statement", "accountId"],
    ["billing.childrenReport", "accountId"],
    ["billing.topUp", "accountId"],
    ["billing.setCreditLimit", "accountId"],
    ["billing.setAlertThreshold", "accountId"],
  ])("%s names %s when the account is not the caller's to see", async (path, field) => {
    const error = await outcome(
      callByPath(caller, path, withValue(VALID_INPUTS[path]?.(ids), field, ids.acme.accountId)),
    );
    expect(error?.code).toBe("NOT_FOUND");
    expect(problemsOf(error as TRPCError)).toEqual([
      { reason: "account_not_found", field, message: expect.any(String) },
    ]);
  });
});
