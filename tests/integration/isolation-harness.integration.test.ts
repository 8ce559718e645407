/**
 * THE ISOLATION HARNESS. Every procedure of the app router declares its tenancy; every procedure
 * that acts for a tenant ("tenant" or "reseller") has at least one cross-tenant case below, in
 * which account A calls it with account B's ids and gets NOT_FOUND or FORBIDDEN (or, for a
 * procedure that takes no ids, only its own data), while B's rows stay exactly as they were.
 *
 * Every case runs three times, once per way a request proves who acts (CREDENTIAL_KINDS): as the
 * actor's owner in a browser session, as that owner with a Bearer access token (X-Tenant = the
 * actor's slug), and as an API key of the actor's account holding every scope a key can hold. The
 * expectation is the same for each way unless the case states otherwise in `byCredential` (a
 * procedure only a browser may call), or the procedure needs a permission no key can hold
 * (`keys:*`): then the key is refused FORBIDDEN user_only (only a person manages keys), read from the procedure's
 * meta.permission, so a case for such a procedure needs nothing more than its session expectation.
 *
 * Adding a tenant procedure without a case here fails this file: add the case to
 * CROSS_TENANT_CASES, keyed by the procedure's path. The procedures a person calls for themselves
 * (authed, not tenant) state what each way of signing in gets in PERSON_CASES.
 */

import { randomUUID } from "node:crypto";
import { getErrorShape, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import type { PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { appRouter, createCaller } from "@/server/api/root";
import type { Tenancy, TRPCContext } from "@/server/api/trpc";
import { hashPassword } from "@/server/auth/password";
import { KEY_SCOPES, PERMISSIONS, type Permission, type Role } from "@/server/auth/permissions";
import { brandKey, type PortalSession } from "@/server/auth/session";
import { startSession } from "@/server/auth/session-store";
import type { HostResolution } from "@/server/tenancy/host-resolver";
import { accessTokenFor, apiKeyFor, contextFor, homeHost } from "@/tests/helpers/callers";
import {
  connectDemoDatabase,
  createMemberUser,
  type DemoIds,
  type DemoSlug,
  deleteMemberUser,
} from "@/tests/helpers/demo-data";
import { loadDemoSipIds } from "@/tests/helpers/sip-demo";

type Caller = ReturnType<typeof createCaller>;

const PLATFORM_HOST: HostResolution = { kind: "platform", hostname: "localhost" };
const UNKNOWN_HOST: HostResolution = { kind: "unknown", reason: "no account answers on this host" };

// CASES -------------------------------------------------------------------------------------------

type CrossTenantCase = {
  name: string;
  /** Whose owner calls the procedure. */
  actor: DemoSlug;
  /** Whose rows the call aims at; they must be unchanged afterwards. */
  victim: DemoSlug;
  /**
   * NOT_FOUND (the row exists but is not yours: reveal nothing) or FORBIDDEN (your account or
   * role may not do this at all); OWN_DATA_ONLY for a procedure that takes no ids: every id in
   * its answer belongs to the actor, its users or its ancestors (inherited branding), none to B.
   */
  expect: "NOT_FOUND" | "FORBIDDEN" | "OWN_DATA_ONLY";
  call: (caller: Caller, ids: DemoIds) => Promise<unknown>;
  /** What the case answers instead when the actor proves itself another way than a session. */
  byCredential?: Partial<Record<ProgramCredential, Refused>>;
};

/** The ways a request proves who acts; every case runs once per way. */
const CREDENTIAL_KINDS = ["session", "token", "key"] as const;
type CredentialKind = (typeof CREDENTIAL_KINDS)[number];
type ProgramCredential = Exclude<CredentialKind, "session">;

/** A refusal with its machine-readable reason. */
type Refused = { code: TRPCError["code"]; reason: string };

/** What a program gets from a procedure only a person in a browser may call. */
const BROWSER_ONLY: Refused = { code: "FORBIDDEN", reason: "browser_only" };
/** What an API key gets from a procedure only a person may call. */
const USER_ONLY: Refused = { code: "FORBIDDEN", reason: "user_only" };
/** What an API key gets from a procedure needing a permission no key can hold (keys:*). */
const ONLY_A_PERSON: Refused = { code: "FORBIDDEN", reason: "user_only" };

const CROSS_TENANT_CASES: Record<string, readonly CrossTenantCase[]> = {
  "dashboard.summary": [
    {
      name: "a customer's dashboard counts its own users and rows, never its sibling's",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.dashboard.summary(),
    },
  ],
  "dashboard.setFeature": [
    {
      name: "a feature switch changes the caller's own account only (it takes no account id)",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.dashboard.setFeature({ switch: "callRecording", enabled: false }),
    },
  ],
  "dashboard.analytics": [
    {
      name: "analytics count the caller's own tables only",
      actor: "acme",
      victim: "voicereseller",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.dashboard.analytics(),
    },
    {
      name: "a plan without advanced analytics is refused, whoever's data it would be",
      actor: "bistro",
      victim: "city-clinic",
      expect: "FORBIDDEN",
      call: (caller) => caller.dashboard.analytics(),
    },
  ],
  "account.current": [
    {
      name: "a platform-direct account sees only itself, never the reseller",
      actor: "acme",
      victim: "voicereseller",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.account.current(),
    },
    {
      name: "a child account sees itself and its parent's branding, never its sibling",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.account.current(),
    },
  ],
  "accounts.listChildren": [
    {
      name: "a reseller asking for the children of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.accounts.listChildren({ parentId: ids.acme.accountId }),
    },
    {
      name: "a reseller searching below an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.accounts.listChildren({ parentId: ids.acme.accountId, search: "a" }),
    },
    {
      name: "a platform-direct (non-reseller) account asking for a reseller's children",
      actor: "acme",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.accounts.listChildren({ parentId: ids.voicereseller.accountId }),
    },
    {
      name: "a child account asking for its own parent's children",
      actor: "city-clinic",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.accounts.listChildren({ parentId: ids.voicereseller.accountId }),
    },
  ],
  "accounts.get": [
    {
      name: "a reseller reading an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.accounts.get({ accountId: ids.acme.accountId }),
    },
    {
      name: "a child account reading its sibling",
      actor: "city-clinic",
      victim: "bistro",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.accounts.get({ accountId: ids.bistro.accountId }),
    },
  ],
  "accounts.create": [
    {
      name: "a reseller creating a child below an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.accounts.create({
          parentId: ids.acme.accountId,
          name: "Intruder",
          slug: "intruder",
          planId: "starter",
          limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
        }),
    },
    {
      name: "a platform-direct account creating a child below a reseller",
      actor: "acme",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller, ids) =>
        caller.accounts.create({
          parentId: ids.voicereseller.accountId,
          name: "Intruder",
          slug: "intruder",
          planId: "starter",
          limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
        }),
    },
  ],
  "accounts.update": [
    {
      name: "a reseller renaming an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.accounts.update({ accountId: ids.acme.accountId, name: "Taken over" }),
    },
    {
      name: "a reseller changing its own limits (only its parent may)",
      actor: "voicereseller",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.accounts.update({
          accountId: ids.voicereseller.accountId,
          limits: { maxIn: 100_000, maxOut: 100_000, maxDialer: 100_000 },
        }),
    },
    {
      name: "a child account renaming its sibling",
      actor: "bistro",
      victim: "city-clinic",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.accounts.update({ accountId: ids["city-clinic"].accountId, name: "Taken over" }),
    },
  ],
  "accounts.setStatus": [
    {
      name: "a reseller suspending an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.accounts.setStatus({ accountId: ids.acme.accountId, status: "suspended" }),
    },
    {
      name: "a child account suspending its parent",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.accounts.setStatus({ accountId: ids.voicereseller.accountId, status: "suspended" }),
    },
  ],
  "domains.list": [
    {
      name: "a child account listing its sibling's domains",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.domains.list({ accountId: ids["city-clinic"].accountId }),
    },
    {
      name: "a child account listing its parent's domains",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.domains.list({ accountId: ids.voicereseller.accountId }),
    },
    {
      name: "a reseller listing the domains of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.domains.list({ accountId: ids.acme.accountId }),
    },
  ],
  "domains.add": [
    {
      name: "a child account adding a domain to its sibling",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.add({
          accountId: ids["city-clinic"].accountId,
          hostname: "intruder.example.com",
          kind: "brand",
        }),
    },
    {
      name: "a platform-direct account adding a domain to a reseller",
      actor: "acme",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.add({ accountId: ids.voicereseller.accountId, hostname: "intruder.example.com", kind: "sip" }),
    },
  ],
  "domains.remove": [
    {
      name: "a child account removing its sibling's domain",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.remove({ accountId: ids["city-clinic"].accountId, hostname: "city-clinic.localhost" }),
    },
    {
      name: "a platform-direct account removing a reseller's brand domain",
      actor: "acme",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.remove({ accountId: ids.voicereseller.accountId, hostname: "voicereseller.localhost" }),
    },
    {
      name: "removing another tenant's host name by naming it on one's own account",
      actor: "acme",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.remove({ accountId: ids.acme.accountId, hostname: "voicereseller.localhost" }),
    },
  ],
  "domains.makePrimary": [
    {
      name: "a reseller making a domain primary on an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.domains.makePrimary({ accountId: ids.acme.accountId, hostname: "acme.localhost" }),
    },
    {
      name: "a child account making its parent's host primary on its own account",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.makePrimary({ accountId: ids.bistro.accountId, hostname: "voicereseller.localhost" }),
    },
  ],
  "domains.verify": [
    {
      name: "a child account checking its sibling's domain",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.verify({ accountId: ids["city-clinic"].accountId, hostname: "city-clinic.localhost" }),
    },
    {
      name: "a platform-direct account checking a reseller's brand domain",
      actor: "acme",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.verify({ accountId: ids.voicereseller.accountId, hostname: "voicereseller.localhost" }),
    },
    {
      name: "checking another tenant's host name by naming it on one's own account",
      actor: "acme",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.domains.verify({ accountId: ids.acme.accountId, hostname: "voicereseller.localhost" }),
    },
  ],
  "audit.list": [
    {
      name: "a reseller reading the audit entries about an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.audit.list({ targetAccountId: ids.acme.accountId }),
    },
    {
      name: "a child account reading the entries about its parent",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.audit.list({ targetAccountId: ids.voicereseller.accountId }),
    },
  ],
  "branding.get": [
    {
      name: "a platform-direct account reading a reseller's branding editor",
      actor: "acme",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.branding.get({ accountId: ids.voicereseller.accountId }),
    },
    {
      name: "a customer reading its sibling's branding editor",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.branding.get({ accountId: ids["city-clinic"].accountId }),
    },
  ],
  "branding.update": [
    {
      name: "a customer rebranding its own reseller",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.branding.update({ accountId: ids.voicereseller.accountId, changes: { brandName: "Hijacked" } }),
    },
    {
      name: "a customer changing its sibling's defaults",
      actor: "city-clinic",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.branding.update({ accountId: ids.bistro.accountId, changes: { timezone: "UTC" } }),
    },
    {
      name: "a reseller uploading a logo for an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.branding.update({
          accountId: ids.acme.accountId,
          logo: {
            base64: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
          },
        }),
    },
  ],
  "openAs.start": [
    {
      name: "a reseller opening a platform-direct account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.openAs.start({ accountId: ids.acme.accountId }),
      // Programs exchange their token at POST /api/auth/act-as; keys never act for another account.
      byCredential: { token: BROWSER_ONLY, key: BROWSER_ONLY },
    },
    {
      name: "a customer opening its sibling (City Clinic opening Bistro)",
      actor: "city-clinic",
      victim: "bistro",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.openAs.start({ accountId: ids.bistro.accountId }),
      // Not a reseller: refused before the browser-only rule is reached, whatever the credential.
    },
    {
      name: "a customer opening its own reseller",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller, ids) => caller.openAs.start({ accountId: ids.voicereseller.accountId }),
    },
  ],
  "numbers.list": [
    {
      name: "a customer asking for a pool (only resellers have one)",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller) => caller.numbers.list({ view: "pool" }),
    },
  ],
  "numbers.get": [
    {
      name: "a customer reading its sibling's number",
      actor: "city-clinic",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: async (caller, ids) => caller.numbers.get({ numberId: await heldNumberOf(ids.bistro.accountId) }),
    },
  ],
  "numbers.destinations": [
    {
      name: "a customer lists only its own destinations, never its sibling's",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.numbers.destinations(),
    },
  ],
  "numbers.route": [
    {
      name: "a customer routing its sibling's number",
      actor: "city-clinic",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: async (caller, ids) =>
        caller.numbers.route({ numberId: await heldNumberOf(ids.bistro.accountId), destination: null }),
    },
    {
      name: "a reseller routing a number its customer holds (the holder routes it)",
      actor: "voicereseller",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: async (caller, ids) =>
        caller.numbers.route({ numberId: await heldNumberOf(ids.bistro.accountId), destination: null }),
    },
  ],
  "numbers.assign": [
    {
      name: "a reseller assigning a pool number to an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: async (caller, ids) =>
        caller.numbers.assign({
          numberId: await heldNumberOf(ids.voicereseller.accountId),
          accountId: ids.acme.accountId,
        }),
    },
    {
      name: "a customer giving its number to its sibling",
      actor: "bistro",
      victim: "city-clinic",
      expect: "FORBIDDEN",
      call: async (caller, ids) =>
        caller.numbers.assign({
          numberId: await heldNumberOf(ids.bistro.accountId),
          accountId: ids["city-clinic"].accountId,
        }),
    },
  ],
  "numbers.takeBack": [
    {
      name: "a platform-direct account taking a reseller's customer's number",
      actor: "acme",
      victim: "bistro",
      expect: "FORBIDDEN",
      call: async (caller, ids) => caller.numbers.takeBack({ numberId: await heldNumberOf(ids.bistro.accountId) }),
    },
    {
      name: "a customer taking back a number of its reseller's pool",
      actor: "city-clinic",
      victim: "bistro",
      expect: "FORBIDDEN",
      call: async (caller, ids) => caller.numbers.takeBack({ numberId: await heldNumberOf(ids.bistro.accountId) }),
    },
  ],
  "departments.list": [
    {
      name: "a customer searching for its sibling's department by name finds none of it",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.departments.list({ search: VICTIM_NAME }),
    },
  ],
  "departments.get": [
    {
      name: "a customer reading its sibling's department",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.departments.get({ id: victimRows().departmentId }),
    },
  ],
  "departments.create": [
    {
      name: "a customer making its sibling's user a member",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.departments.create({ name: "Intruders", memberIds: [ids["city-clinic"].ownerUserId] }),
    },
  ],
  "departments.update": [
    {
      name: "a customer renaming its sibling's department",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.departments.update({ id: victimRows().departmentId, name: "Taken over" }),
    },
  ],
  "departments.delete": [
    {
      name: "a customer deleting its sibling's department",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.departments.delete({ id: victimRows().departmentId }),
    },
  ],
  "departments.memberOptions": [
    {
      name: "a customer listing who can join a department sees only its own users",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.departments.memberOptions(),
    },
  ],
  "schedules.destinationOptions": [
    {
      // Acme: an account with no destinations of its own, so that any id in the answer is a leak.
      name: "an account listing where a schedule can route sees none of another tenant's departments",
      actor: "acme",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.schedules.destinationOptions(),
    },
  ],
  "schedules.list": [
    {
      name: "a customer searching for its sibling's schedule by name finds none of it",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.schedules.list({ search: VICTIM_NAME }),
    },
  ],
  "schedules.get": [
    {
      name: "a customer reading its sibling's schedule",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.schedules.get({ id: victimRows().scheduleId }),
    },
  ],
  "schedules.create": [
    {
      name: "a customer routing its new schedule to its sibling's department",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) =>
        caller.schedules.create({
          name: "Intruder hours",
          open: { kind: "department", id: victimRows().departmentId },
        }),
    },
  ],
  "schedules.update": [
    {
      name: "a customer changing its sibling's schedule",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) =>
        caller.schedules.update({
          id: victimRows().scheduleId,
          hours: [{ weekday: 1, opens: "00:00", closes: "24:00" }],
        }),
    },
  ],
  "schedules.delete": [
    {
      name: "a customer deleting its sibling's schedule",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.schedules.delete({ id: victimRows().scheduleId }),
    },
  ],
  "extensions.list": [
    {
      name: "a customer listing extensions sees only its own, never its sibling's 1002",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.extensions.list({}),
    },
    {
      name: "a customer searching for the number its sibling also has",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.extensions.list({ search: "1002" }),
    },
  ],
  "extensions.get": [
    {
      name: "a customer reading its sibling's extension",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.extensions.get({ extensionId: sip["city-clinic"].extensionId }),
    },
  ],
  "extensions.create": [
    {
      name: "a customer giving a new extension to its sibling's user",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.extensions.create({ number: "4711", name: "Intruder", userId: ids["city-clinic"].ownerUserId }),
    },
  ],
  "extensions.update": [
    {
      name: "a customer renaming its sibling's extension",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.extensions.update({ extensionId: sip["city-clinic"].extensionId, name: "Taken over" }),
    },
    {
      name: "a customer giving its own extension to its sibling's user",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.extensions.update({ extensionId: sip.bistro.extensionId, userId: ids["city-clinic"].ownerUserId }),
    },
  ],
  "extensions.delete": [
    {
      name: "a customer deleting its sibling's extension",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.extensions.delete({ extensionId: sip["city-clinic"].extensionId }),
    },
  ],
  "devices.list": [
    {
      name: "a customer listing the devices of its sibling's extension",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.devices.list({ extensionId: sip["city-clinic"].extensionId }),
    },
  ],
  "devices.realms": [
    {
      name: "a customer's realms are its own SIP domains, never its sibling's",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.devices.realms(),
    },
  ],
  "devices.create": [
    {
      name: "a customer adding a device to its sibling's extension",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) =>
        caller.devices.create({
          extensionId: sip["city-clinic"].extensionId,
          label: "Intruder",
          realm: sip.bistro.realm,
          authUsername: "intruder",
        }),
    },
    {
      name: "a customer putting its own device in its sibling's SIP domain",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) =>
        caller.devices.create({
          extensionId: sip.bistro.extensionId,
          label: "Intruder",
          realm: sip["city-clinic"].realm,
          authUsername: "intruder",
        }),
    },
    {
      name: "a customer putting a device in its reseller's brand domain",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller) =>
        caller.devices.create({
          extensionId: sip.bistro.extensionId,
          label: "Intruder",
          realm: "voicereseller.localhost",
          authUsername: "intruder",
        }),
    },
  ],
  "devices.regenerateSecret": [
    {
      name: "a customer regenerating its sibling's SIP password",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.devices.regenerateSecret({ deviceId: sip["city-clinic"].deviceId }),
    },
  ],
  "devices.disable": [
    {
      name: "a customer disabling its sibling's device",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.devices.disable({ deviceId: sip["city-clinic"].deviceId }),
    },
  ],
  "devices.enable": [
    {
      name: "a customer enabling its sibling's device",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.devices.enable({ deviceId: sip["city-clinic"].deviceId }),
    },
  ],
  "devices.update": [
    {
      name: "a customer changing the caller ID of its sibling's device",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) =>
        caller.devices.update({ deviceId: sip["city-clinic"].deviceId, callerIdNumber: "+14155550123" }),
    },
  ],
  "devices.delete": [
    {
      name: "a customer deleting its sibling's device",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.devices.delete({ deviceId: sip["city-clinic"].deviceId }),
    },
  ],
  "users.list": [
    {
      name: "a customer lists only its own people, never its sibling's",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.users.list({}),
    },
    {
      name: "a reseller lists only its own people, never its children's",
      actor: "voicereseller",
      victim: "bistro",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.users.list({ search: "owner" }),
    },
  ],
  "users.get": [
    {
      name: "a customer acting on its sibling's user",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.get({ userId: ids["city-clinic"].ownerUserId }),
    },
    {
      name: "a reseller acting on a user of its child without opening it",
      actor: "voicereseller",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.get({ userId: ids.bistro.ownerUserId }),
    },
  ],
  "users.invite": [
    {
      name: "inviting someone else's owner's address makes a user of one's own account only",
      actor: "acme",
      victim: "bistro",
      expect: "OWN_DATA_ONLY",
      call: (caller, ids) =>
        caller.users.invite({ email: ids.bistro.ownerEmail, name: "Harness invitee", role: "member" }),
    },
  ],
  "users.update": [
    {
      name: "a customer renaming its sibling's owner",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.update({ userId: ids["city-clinic"].ownerUserId, name: "Taken over" }),
    },
    {
      name: "a reseller demoting its child's owner without opening it",
      actor: "voicereseller",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.update({ userId: ids.bistro.ownerUserId, role: "member" }),
    },
  ],
  "users.deactivate": [
    {
      name: "a customer acting on its sibling's user",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.deactivate({ userId: ids["city-clinic"].ownerUserId }),
    },
    {
      name: "a reseller acting on a user of its child without opening it",
      actor: "voicereseller",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.deactivate({ userId: ids.bistro.ownerUserId }),
    },
  ],
  "users.reactivate": [
    {
      name: "a customer acting on its sibling's user",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.reactivate({ userId: ids["city-clinic"].ownerUserId }),
    },
    {
      name: "a reseller acting on a user of its child without opening it",
      actor: "voicereseller",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.reactivate({ userId: ids.bistro.ownerUserId }),
    },
  ],
  "users.resendInvitation": [
    {
      name: "a customer acting on its sibling's user",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.resendInvitation({ userId: ids["city-clinic"].ownerUserId }),
    },
    {
      name: "a reseller acting on a user of its child without opening it",
      actor: "voicereseller",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.users.resendInvitation({ userId: ids.bistro.ownerUserId }),
    },
  ],
  "apiKeys.list": [
    {
      name: "a customer lists its own keys, never its sibling's",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.apiKeys.list({ limit: 100 }),
    },
    {
      name: "a reseller lists its own keys, not those of the accounts below it",
      actor: "voicereseller",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.apiKeys.list({ limit: 100 }),
    },
  ],
  "apiKeys.create": [
    {
      name: "a key is made in the caller's own account (it takes no account id)",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.apiKeys.create({ name: HARNESS_KEY_NAME, scopes: ["account:read"] }),
    },
  ],
  "apiKeys.revoke": [
    {
      name: "a customer revoking its sibling's key",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.apiKeys.revoke({ keyId: victimKeyId() }),
    },
    {
      name: "a reseller revoking a key of its child without opening it",
      actor: "voicereseller",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller) => caller.apiKeys.revoke({ keyId: victimKeyId() }),
    },
  ],
  "billing.wallet": [
    {
      name: "a customer reading its sibling's wallet",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.wallet({ accountId: ids["city-clinic"].accountId }),
    },
    {
      name: "a customer reading its reseller's wallet",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.wallet({ accountId: ids.voicereseller.accountId }),
    },
    {
      name: "a customer reads only its own wallet",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.billing.wallet({}),
    },
  ],
  "billing.entries": [
    {
      name: "a reseller reading the ledger of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.entries({ accountId: ids.acme.accountId, limit: 10 }),
    },
    {
      name: "a customer reading its sibling's ledger",
      actor: "city-clinic",
      victim: "bistro",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.entries({ accountId: ids.bistro.accountId, limit: 10 }),
    },
  ],
  "billing.calls": [
    {
      name: "a customer reading its sibling's calls",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.calls({ accountId: ids["city-clinic"].accountId, limit: 10 }),
    },
    {
      name: "a reseller reading the calls of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.calls({ accountId: ids.acme.accountId, limit: 10 }),
    },
  ],
  "billing.usage": [
    {
      name: "a customer reads only its own usage",
      actor: "bistro",
      victim: "voicereseller",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.billing.usage({ fromDay: "2026-01-01", toDay: "2026-12-31" }),
    },
  ],
  "billing.plan": [
    {
      name: "a customer reads only its own plan and usage",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.billing.plan(),
    },
  ],
  "billing.business": [
    {
      name: "a customer asking for a reseller's business summary",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller) => caller.billing.business(),
    },
  ],
  "billing.statement": [
    {
      name: "a customer reading its sibling's statement",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.statement({ accountId: ids["city-clinic"].accountId, month: "2026-11" }),
    },
    {
      name: "a reseller reading the statement of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.statement({ accountId: ids.acme.accountId, month: "2026-11" }),
    },
  ],
  "billing.priceList": [
    {
      name: "a customer asking for a price list (it bills no one)",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller) => caller.billing.priceList(),
    },
  ],
  "billing.setMarkup": [
    {
      name: "a customer setting a markup",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller) => caller.billing.setMarkup({ markupBasisPoints: 9000 }),
    },
  ],
  "billing.setPrice": [
    {
      name: "a customer setting a price",
      actor: "city-clinic",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller) =>
        caller.billing.setPrice({
          direction: "out",
          prefix: "1",
          pricePerMinuteMicros: 1,
          increment: { first: 1, next: 1 },
        }),
    },
  ],
  "billing.removePrice": [
    {
      name: "a reseller removing another reseller's price",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller) => caller.billing.removePrice({ overrideId: victimPriceId() }),
    },
  ],
  "billing.childrenReport": [
    {
      name: "a customer asking for a report on accounts below it (it has none to bill)",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller) => caller.billing.childrenReport({ fromDay: "2026-01-01", toDay: "2026-12-31" }),
    },
    {
      name: "a reseller charting an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.childrenReport({ fromDay: "2026-01-01", toDay: "2026-12-31", accountId: ids.acme.accountId }),
    },
  ],
  "billing.topUp": [
    {
      name: "a reseller topping up an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.topUp({
          accountId: ids.acme.accountId,
          amountMinor: 100,
          reason: "Harness",
          idempotencyKey: randomUUID(),
        }),
    },
    {
      name: "a reseller topping up its own wallet (only its parent may)",
      actor: "voicereseller",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.topUp({
          accountId: ids.voicereseller.accountId,
          amountMinor: 100,
          reason: "Harness",
          idempotencyKey: randomUUID(),
        }),
    },
    {
      name: "a customer topping up its sibling",
      actor: "bistro",
      victim: "city-clinic",
      expect: "FORBIDDEN",
      call: (caller, ids) =>
        caller.billing.topUp({
          accountId: ids["city-clinic"].accountId,
          amountMinor: 100,
          reason: "Harness",
          idempotencyKey: randomUUID(),
        }),
    },
  ],
  "billing.adjust": [
    {
      name: "a reseller adjusting an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.adjust({
          accountId: ids.acme.accountId,
          kind: "adjustment",
          amountMinor: -100,
          reason: "Harness",
          idempotencyKey: randomUUID(),
        }),
    },
    {
      name: "a customer refunding itself",
      actor: "bistro",
      victim: "bistro",
      expect: "FORBIDDEN",
      call: (caller, ids) =>
        caller.billing.adjust({
          accountId: ids.bistro.accountId,
          kind: "refund",
          amountMinor: 100,
          reason: "Harness",
          idempotencyKey: randomUUID(),
        }),
    },
  ],
  "billing.setAlertThreshold": [
    {
      name: "a customer setting its sibling's low-balance alert",
      actor: "bistro",
      victim: "city-clinic",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.setAlertThreshold({ accountId: ids["city-clinic"].accountId, thresholdMinor: 100 }),
    },
    {
      name: "a customer setting its reseller's low-balance alert",
      actor: "bistro",
      victim: "voicereseller",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.setAlertThreshold({ accountId: ids.voicereseller.accountId, thresholdMinor: 100 }),
    },
    {
      name: "a reseller setting the low-balance alert of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) => caller.billing.setAlertThreshold({ accountId: ids.acme.accountId, thresholdMinor: 100 }),
    },
    {
      name: "a customer's own low-balance alert changes its own account only",
      actor: "bistro",
      victim: "city-clinic",
      expect: "OWN_DATA_ONLY",
      call: (caller) => caller.billing.setAlertThreshold({ thresholdMinor: null }),
    },
  ],
  "billing.setCreditLimit": [
    {
      name: "a reseller raising the credit limit of an account outside its tree",
      actor: "voicereseller",
      victim: "acme",
      expect: "NOT_FOUND",
      call: (caller, ids) =>
        caller.billing.setCreditLimit({ accountId: ids.acme.accountId, creditLimitMinor: 100_000 }),
    },
    {
      name: "a customer raising its reseller's credit limit",
      actor: "bistro",
      victim: "voicereseller",
      expect: "FORBIDDEN",
      call: (caller, ids) =>
        caller.billing.setCreditLimit({ accountId: ids.voicereseller.accountId, creditLimitMinor: 100_000 }),
    },
  ],
};

/**
 * The procedures a person calls for themselves: authed, not tenant, since they act on the caller's
 * own user and take no ids another tenant could own. What each way of signing in gets is stated
 * per way; "ANSWERS" means the procedure ran for the caller. A walk below fails on an authed
 * procedure without an entry.
 */
type PersonCase = {
  call: (caller: Caller) => Promise<unknown>;
  answers: Record<CredentialKind, "ANSWERS" | Refused>;
};

const PERSON_NAME = "Harness Person";

const PERSON_CASES: Record<string, PersonCase> = {
  "plans.list": {
    call: (caller) => caller.plans.list(),
    answers: { session: "ANSWERS", token: "ANSWERS", key: "ANSWERS" },
  },
  "profile.get": {
    call: (caller) => caller.profile.get(),
    answers: { session: "ANSWERS", token: "ANSWERS", key: USER_ONLY },
  },
  "profile.updateName": {
    call: (caller) => caller.profile.updateName({ name: PERSON_NAME }),
    answers: { session: "ANSWERS", token: "ANSWERS", key: USER_ONLY },
  },
  "profile.changePassword": {
    // A wrong current password: a session reaches the password check; a program never gets there.
    call: (caller) =>
      caller.profile.changePassword({ currentPassword: "not the password at all", newPassword: "a long new password" }),
    answers: {
      session: { code: "BAD_REQUEST", reason: "wrong_password" },
      token: BROWSER_ONLY,
      key: USER_ONLY,
    },
  },
};

/** The key apiKeys.create cases make in the actor's account (removed after the file). */
const HARNESS_KEY_NAME = "Harness key";

// SET-UP ------------------------------------------------------------------------------------------

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
});

/** The one row a case writes into the actor's own account (users.invite), and its audit entries. */
async function removeInvitee(): Promise<void> {
  await owner.user.deleteMany({ where: { accountId: ids.acme.accountId, email: ids.bistro.ownerEmail } });
  await owner.$executeRaw`DELETE FROM audit_entries WHERE account_id = ${ids.acme.accountId}::uuid
    AND action LIKE 'user.%' AND details::text LIKE ${`%${ids.bistro.ownerEmail}%`}`;
}

afterAll(async () => {
  await removeInvitee();
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

// The seeded SIP identities (extension 1002, device 1002) of bistro and city-clinic.
let sip: Awaited<ReturnType<typeof loadDemoSipIds>>;
beforeAll(async () => {
  sip = await loadDemoSipIds(owner);
});

/** The ids of the rows of the phone system `accountId` has: an answer may name its own. */
async function ownRowIds(accountId: string): Promise<string[]> {
  const where = { where: { accountId }, select: { id: true } };
  const rows = [
    ...(await owner.extension.findMany(where)),
    ...(await owner.device.findMany(where)),
    ...(await owner.department.findMany(where)),
    ...(await owner.schedule.findMany(where)),
    ...(await owner.phoneNumber.findMany(where)),
    // account.current names the key a request is made with.
    ...(await owner.apiKey.findMany(where)),
  ];
  return rows.map((row) => row.id);
}

/** The id of a number `accountId` holds (the demo data gives Bistro one, and VoiceReseller free ones). */
async function heldNumberOf(accountId: string): Promise<string> {
  const number = await owner.phoneNumber.findFirstOrThrow({ where: { accountId }, orderBy: { e164: "asc" } });
  return number.id;
}

/** City Clinic's department and schedule that the departments.* and schedules.* cases aim at. */
const VICTIM_NAME = "Harness victim";
let victim: { departmentId: string; scheduleId: string } | undefined;
function victimRows() {
  if (!victim) throw new Error("the victim rows are made in beforeAll");
  return victim;
}

beforeAll(async () => {
  const accountId = ids["city-clinic"].accountId;
  const department = await owner.department.create({ data: { accountId, name: VICTIM_NAME } });
  await owner.departmentMember.create({
    data: { accountId, departmentId: department.id, userId: ids["city-clinic"].ownerUserId, position: 0 },
  });
  const schedule = await owner.schedule.create({
    data: { accountId, name: VICTIM_NAME, openDepartmentId: department.id },
  });
  await owner.scheduleHour.create({
    data: { accountId, scheduleId: schedule.id, weekday: 1, opensMinute: 540, closesMinute: 1020 },
  });
  await owner.scheduleHoliday.create({
    data: { accountId, scheduleId: schedule.id, day: new Date("2026-12-25T00:00:00Z"), name: "Christmas" },
  });
  victim = { departmentId: department.id, scheduleId: schedule.id };
});

/** Acme's own price that the billing.removePrice case aims at. */
let victimPrice: string | undefined;
function victimPriceId() {
  if (!victimPrice) throw new Error("the victim price is made in beforeAll");
  return victimPrice;
}

beforeAll(async () => {
  const accountId = ids.acme.accountId;
  await owner.priceList.upsert({ where: { accountId }, create: { accountId }, update: {} });
  victimPrice = (
    await owner.priceListOverride.create({
      data: {
        accountId,
        direction: "out",
        prefix: "999",
        pricePerMinuteMicros: 1n,
        incrementFirst: 1,
        incrementNext: 1,
      },
    })
  ).id;
});

afterAll(async () => {
  await owner.priceListOverride.deleteMany({ where: { id: victimPrice ?? "" } });
  await owner.priceList.deleteMany({ where: { accountId: ids.acme.accountId } });
});

/** City Clinic's key that the apiKeys.revoke cases aim at. */
let victimKey: string | undefined;
function victimKeyId() {
  if (!victimKey) throw new Error("the victim key is made in beforeAll");
  return victimKey;
}

beforeAll(async () => {
  victimKey = (
    await owner.apiKey.create({
      data: {
        accountId: ids["city-clinic"].accountId,
        name: VICTIM_NAME,
        prefix: "vrk_Harness0",
        secretHash: new Uint8Array(32),
        scopes: ["account:read"],
        createdByUserId: ids["city-clinic"].ownerUserId,
      },
    })
  ).id;
});

afterAll(async () => {
  const keys = await owner.apiKey.findMany({
    where: { OR: [{ name: HARNESS_KEY_NAME }, { id: victimKey ?? "" }] },
    select: { id: true },
  });
  const keyIds = keys.map((key) => key.id);
  await owner.$executeRaw`DELETE FROM audit_entries WHERE action LIKE 'api_key.%'
    AND details->>'id' = ANY (${keyIds}::text[])`;
  await owner.apiKey.deleteMany({ where: { id: { in: keyIds } } });
});

// Runs before the disconnect above (after-hooks run in reverse order).
afterAll(async () => {
  if (!victim) return;
  const accountId = ids["city-clinic"].accountId;
  await owner.schedule.delete({ where: { accountId_id: { accountId, id: victim.scheduleId } } });
  await owner.department.delete({ where: { accountId_id: { accountId, id: victim.departmentId } } });
});

/** A session of `slug`'s owner; a live server-side session is started for it when first used. */
/** A session to sign in with; issued on the host it is used on unless `brand` says otherwise. */
type SessionSpec = Omit<PortalSession, "sessionId" | "brand"> & { sessionId?: string; brand?: string };

function sessionOf(slug: DemoSlug, overrides: Partial<PortalSession> = {}): SessionSpec {
  const { ownerUserId, accountId } = ids[slug];
  return { userId: ownerUserId, accountId, role: "owner", ...overrides };
}

async function live(session: SessionSpec, host: HostResolution): Promise<PortalSession> {
  const brand = session.brand ?? (host.kind === "unknown" ? "platform" : brandKey(host));
  return { ...session, brand, sessionId: session.sessionId ?? (await startSession(app, session)) };
}

/** A caller with `session` on `host` (by default where the session's account signs in). */
function callerFor(session: SessionSpec | null, host?: HostResolution, openAs: string | null = null): Caller {
  let context: Promise<TRPCContext> | undefined;
  const build = async () => {
    const on = host ?? (session ? await homeHost(app, session.accountId) : PLATFORM_HOST);
    return contextFor(
      app,
      { host: on, session: session ? await live(session, on) : null, openAs },
      {
        setCookie: () => undefined,
      },
    );
  };
  return createCaller(() => {
    context ??= build();
    return context;
  });
}

type Person = { userId: string; role: Role };

/** Each demo account's key with every key scope, made once per file and revoked afterwards. */
const HARNESS_KEY = "isolation harness";
const harnessKeys = new Map<DemoSlug, Promise<string>>();

/**
 * The bearer credential of `kind`: a new access token (as logging in issues one: its own token
 * family, so no other test's ending of sessions can reach it), or the account's harness key.
 */
function programCredential(kind: ProgramCredential, slug: DemoSlug, person?: Person): Promise<string> {
  const { accountId, ownerUserId } = ids[slug];
  if (kind === "token") {
    const user = person ?? { userId: ownerUserId, role: "owner" };
    return accessTokenFor(app, { accountId, ...user }, { id: accountId, slug }).then((issued) => issued.token);
  }
  let key = harnessKeys.get(slug);
  if (!key) {
    const made = apiKeyFor(owner, { accountId, createdByUserId: ownerUserId, scopes: KEY_SCOPES, name: HARNESS_KEY });
    key = made.then((created) => created.key);
    harnessKeys.set(slug, key);
  }
  return key;
}

/**
 * A caller for `slug`'s owner (or `person` of that account) proving itself by `kind`: the session
 * as a browser sends it, or `Authorization: Bearer` with `X-Tenant: <slug>` as a program does, on
 * the host where the account's people sign in. A key acts as itself, whoever `person` is.
 */
function callerWith(kind: CredentialKind, slug: DemoSlug, person?: Person): Caller {
  if (kind === "session") return callerFor(sessionOf(slug, person ?? {}));
  let context: Promise<TRPCContext> | undefined;
  const build = async () => {
    const host = await homeHost(app, ids[slug].accountId);
    const bearer = await programCredential(kind, slug, person);
    return contextFor(app, { host, bearer, tenant: slug }, { setCookie: () => undefined });
  };
  return createCaller(() => {
    context ??= build();
    return context;
  });
}

afterAll(async () => {
  await owner.$executeRaw`UPDATE api_keys SET revoked_at = now(), revoked_by_user_id = created_by_user_id
                           WHERE name = ${HARNESS_KEY} AND revoked_at IS NULL`;
});

/** What a case expects of `kind`: as stated for that way, else what no key may do, else `expect`. */
function expectationOf(path: string, testCase: CrossTenantCase, kind: CredentialKind) {
  if (kind === "session") return testCase.expect;
  const stated = testCase.byCredential?.[kind];
  if (stated) return stated;
  if (kind === "key" && !keyMayHold(permissionOf(path))) return ONLY_A_PERSON;
  return testCase.expect;
}

const KEY_SCOPE_SET = new Set<Permission>(KEY_SCOPES);
function keyMayHold(permission: Permission | undefined): boolean {
  return permission === undefined || KEY_SCOPE_SET.has(permission);
}

function permissionOf(path: string): Permission | undefined {
  return listProcedures().find((procedure) => procedure.path === path)?.permission;
}

function hostOf(slug: DemoSlug, isReseller: boolean): HostResolution {
  return {
    kind: "brand",
    hostname: `${slug}.localhost`,
    accountId: ids[slug].accountId,
    slug,
    isReseller,
    status: "active",
  };
}

/** Everything of `slug` a cross-tenant call could alter, read past the policies by the owner. */
async function snapshotOf(slug: DemoSlug) {
  const accountId = ids[slug].accountId;
  return {
    account: await owner.account.findUniqueOrThrow({ where: { id: accountId } }),
    hosts: await owner.hostMapping.findMany({ where: { accountId }, orderBy: { hostname: "asc" } }),
    users: await owner.user.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    audit: await owner.auditEntry.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    logos: await owner.accountLogo.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    extensions: await owner.extension.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    devices: await owner.device.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    numbers: await owner.phoneNumber.findMany({
      where: { OR: [{ accountId }, { poolAccountId: accountId }] },
      orderBy: { id: "asc" },
    }),
    departments: await owner.department.findMany({
      where: { accountId },
      include: { members: true },
      orderBy: { id: "asc" },
    }),
    schedules: await owner.schedule.findMany({
      where: { accountId },
      include: { hours: true, holidays: true },
      orderBy: { id: "asc" },
    }),
    apiKeys: await owner.apiKey.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    wallet: await owner.wallet.findUnique({ where: { accountId } }),
    ledger: await owner.ledgerEntry.findMany({ where: { accountId }, orderBy: { seq: "asc" } }),
    calls: await owner.callRecord.findMany({ where: { accountId }, orderBy: { callId: "asc" } }),
    usage: await owner.usageDaily.findMany({
      where: { accountId },
      orderBy: [{ day: "asc" }, { subjectAccountId: "asc" }],
    }),
    alertThreshold: await owner.lowBalanceThreshold.findUnique({ where: { accountId } }),
    alerts: await owner.lowBalanceAlert.findMany({ where: { accountId }, orderBy: { id: "asc" } }),
    idempotencyKeys: await owner.idempotencyKey.findMany({
      where: { OR: [{ accountId }, { entryAccountId: accountId }] },
      orderBy: { key: "asc" },
    }),
  };
}

async function expectTRPCError(call: Promise<unknown>, code: TRPCError["code"]): Promise<TRPCError> {
  const error = await call.then(
    (result) => {
      throw new Error(`expected ${code}, but the call answered ${JSON.stringify(result)}`);
    },
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError ${code}, got ${String(error)}`);
  expect(error.code).toBe(code);
  return error;
}

/** Fails unless `call` is refused with `refused.code` and, as clients read it, `refused.reason`. */
async function expectRefusal(call: Promise<unknown>, refused: Refused): Promise<void> {
  const error = await expectTRPCError(call, refused.code);
  expect(problemsOf(error)[0]?.reason).toBe(refused.reason);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every uuid anywhere in `value`: whatever ids an answer carries, wherever the shape puts them. */
function uuidsIn(value: unknown): string[] {
  if (typeof value === "string") return UUID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(uuidsIn);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.values(value).flatMap(uuidsIn);
  }
  return [];
}

const TenancySchema = z.enum(["public", "authed", "tenant", "reseller", "operator"] satisfies Tenancy[]);
// meta is read loosely so that a missing or misspelt tenancy is reported by path, not thrown.
const ProcedureDef = z.object({
  type: z.enum(["query", "mutation", "subscription"]),
  meta: z.object({ tenancy: z.unknown(), permission: z.unknown() }).partial().optional(),
});

type ProcedureInfo = {
  path: string;
  type: z.infer<typeof ProcedureDef>["type"];
  tenancy: Tenancy | undefined;
  /** What a tenant or reseller procedure needs (tenantProcedure(permission) puts it in meta). */
  permission: Permission | undefined;
};

/** The router's procedures by path, as tRPC flattens them. */
function listProcedures(): ProcedureInfo[] {
  const procedures: Record<string, unknown> = appRouter._def.procedures;
  return Object.entries(procedures).map(([path, procedure]) => {
    const def = ProcedureDef.parse(typeof procedure === "function" ? Reflect.get(procedure, "_def") : undefined);
    const tenancy = TenancySchema.safeParse(def.meta?.tenancy);
    const permission = z.enum(PERMISSIONS).safeParse(def.meta?.permission);
    return {
      path,
      type: def.type,
      tenancy: tenancy.success ? tenancy.data : undefined,
      permission: permission.success ? permission.data : undefined,
    };
  });
}

/** Calls the procedure at `path` on `caller` without knowing its type: for checks every procedure must pass. */
function callByPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const segment of path.split(".")) {
    if (typeof target !== "function" && (typeof target !== "object" || target === null)) {
      throw new Error(`${path}: not reachable on the caller`);
    }
    target = Reflect.get(target, segment);
  }
  if (typeof target !== "function") throw new Error(`${path}: not a procedure on the caller`);
  return Promise.resolve(Reflect.apply(target, undefined, [input]));
}

// THE WALK ----------------------------------------------------------------------------------------

describe("the router walk", () => {
  it("finds procedures, and no lazy routers it could not walk", () => {
    expect(listProcedures().length).toBeGreaterThan(0);
    expect(Object.keys(appRouter._def.lazy)).toEqual([]);
  });

  it("every procedure declares its tenancy in meta", () => {
    const undeclared = listProcedures().filter((procedure) => procedure.tenancy === undefined);
    expect(
      undeclared.map((procedure) => procedure.path),
      "procedures without a valid meta.tenancy",
    ).toEqual([]);
  });

  it("every tenant and reseller procedure has a cross-tenant case", () => {
    const missing = listProcedures()
      .filter((procedure) => procedure.tenancy === "tenant" || procedure.tenancy === "reseller")
      .filter((procedure) => (CROSS_TENANT_CASES[procedure.path]?.length ?? 0) === 0)
      .map((procedure) => procedure.path);
    expect(missing, "tenant procedures without an entry in CROSS_TENANT_CASES").toEqual([]);
  });

  it("every procedure a person calls for themselves states what each way of signing in gets", () => {
    const authed = listProcedures()
      .filter((procedure) => procedure.tenancy === "authed")
      .map((procedure) => procedure.path)
      .sort();
    expect(Object.keys(PERSON_CASES).sort(), "authed procedures and PERSON_CASES").toEqual(authed);
  });

  it("every tenant and reseller procedure names the permission it needs", () => {
    const unnamed = listProcedures()
      .filter((procedure) => procedure.tenancy === "tenant" || procedure.tenancy === "reseller")
      .filter((procedure) => procedure.permission === undefined)
      .map((procedure) => procedure.path);
    expect(unnamed, "tenant procedures without meta.permission").toEqual([]);
  });

  it("every cross-tenant case names a tenant procedure that exists", () => {
    const tenantPaths = new Set(
      listProcedures()
        .filter((procedure) => procedure.tenancy === "tenant" || procedure.tenancy === "reseller")
        .map((procedure) => procedure.path),
    );
    const stale = Object.keys(CROSS_TENANT_CASES).filter((path) => !tenantPaths.has(path));
    expect(stale, "CROSS_TENANT_CASES keys that are not tenant procedures").toEqual([]);
  });

  it("every procedure answers NOT_FOUND on an unknown host, before anything else", async () => {
    for (const procedure of listProcedures().filter((p) => p.type !== "subscription")) {
      const caller = callerFor(sessionOf("acme"), UNKNOWN_HOST);
      await expectTRPCError(callByPath(caller, procedure.path, undefined), "NOT_FOUND");
    }
  });

  it("every non-public procedure refuses an opened account that is not below the user's", async () => {
    // A forged or stale "open as" cookie: the request must fail, not act as either account.
    const guarded = listProcedures().filter((p) => p.tenancy !== "public" && p.type !== "subscription");
    for (const procedure of guarded) {
      const caller = callerFor(sessionOf("voicereseller"), PLATFORM_HOST, ids.acme.accountId);
      await expectTRPCError(callByPath(caller, procedure.path, { limit: -1 }), "FORBIDDEN");
    }
  });

  it("every procedure answers UNAUTHORIZED with the reason to a bearer credential that does not hold", async () => {
    // Public ones too: a program's refused credential stops the request before any procedure runs.
    const { accountId, ownerUserId } = ids.bistro;
    const host = await homeHost(app, accountId);
    const { token } = await accessTokenFor(app, { accountId, userId: ownerUserId }, { id: accountId, slug: "bistro" });
    const revoked = await apiKeyFor(owner, {
      accountId,
      createdByUserId: ownerUserId,
      scopes: KEY_SCOPES,
      name: HARNESS_KEY,
    });
    await owner.apiKey.update({
      where: { accountId_id: { accountId, id: revoked.id } },
      data: { revokedAt: new Date(), revokedByUserId: ownerUserId },
    });
    // A customer's owner with an act-as token for its sibling: signed, but not below it.
    const sibling = await accessTokenFor(
      app,
      { accountId, userId: ownerUserId },
      { id: ids["city-clinic"].accountId, slug: "city-clinic" },
      { act: { userId: ownerUserId, tenantSlug: "bistro" } },
    );
    const refused = [
      { bearer: token, tenant: "city-clinic", reason: "tenant_mismatch" },
      { bearer: revoked.key, tenant: "bistro", reason: "key_revoked" },
      { bearer: sibling.token, tenant: "city-clinic", reason: "tenant_unavailable" },
    ];
    for (const procedure of listProcedures().filter((p) => p.type !== "subscription")) {
      for (const { reason, ...credential } of refused) {
        const caller = createCaller(() => contextFor(app, { host, ...credential }));
        await expectRefusal(callByPath(caller, procedure.path, { limit: -1 }), { code: "UNAUTHORIZED", reason });
      }
    }
  });

  it("every non-public procedure answers UNAUTHORIZED without a session, before reading its input", async () => {
    const guarded = listProcedures().filter((p) => p.tenancy !== "public" && p.type !== "subscription");
    expect(guarded.length).toBeGreaterThan(0);
    for (const procedure of guarded) {
      // Deliberately invalid input: the sign-in check must come first and answer for it.
      await expectTRPCError(callByPath(callerFor(null), procedure.path, { limit: -1 }), "UNAUTHORIZED");
    }
  });
});

// THE CASES ---------------------------------------------------------------------------------------

/** Fails unless every id in `answer` belongs to `actor`: itself, its ancestors, its people or its rows. */
async function expectOwnDataOnly(answer: unknown, actorSlug: DemoSlug): Promise<void> {
  const actor = ids[actorSlug];
  const actorUsers = await owner.user.findMany({ where: { accountId: actor.accountId }, select: { id: true } });
  const allowed = new Set([
    actor.accountId,
    ...actor.ancestors,
    ...actorUsers.map((user) => user.id),
    ...(await ownRowIds(actor.accountId)),
  ]);
  const found = uuidsIn(answer);
  expect(found).toContain(actor.accountId);
  expect(
    found.filter((id) => !allowed.has(id)),
    "ids in the answer that are not the actor's",
  ).toEqual([]);
}

describe.each(CREDENTIAL_KINDS)("cross-tenant, signed in with a %s", (kind) => {
  // Each way invites the same address again: the invitation of the way before must be gone.
  afterAll(removeInvitee);

  describe.each(Object.entries(CROSS_TENANT_CASES))("%s", (path, cases) => {
    it.each(cases.map((testCase) => [testCase.name, testCase] as const))("%s", async (_name, testCase) => {
      const before = await snapshotOf(testCase.victim);
      const call = testCase.call(callerWith(kind, testCase.actor), ids);
      const expected = expectationOf(path, testCase, kind);
      if (expected === "OWN_DATA_ONLY") await expectOwnDataOnly(await call, testCase.actor);
      else if (typeof expected === "string") await expectTRPCError(call, expected);
      else await expectRefusal(call, expected);
      expect(await snapshotOf(testCase.victim)).toEqual(before);
    });
  });
});

describe("what a person calls for themselves, per way of signing in", () => {
  let person: Person & { accountId: string };
  beforeAll(async () => {
    const user = await owner.user.create({
      data: {
        accountId: ids.bistro.accountId,
        email: "harness-person@people.test",
        name: PERSON_NAME,
        role: "member",
        passwordHash: await hashPassword("the person's own password"),
      },
    });
    person = { accountId: user.accountId, userId: user.id, role: "member" };
  });
  afterAll(async () => {
    await deleteMemberUser(owner, { accountId: person.accountId, id: person.userId });
  });

  describe.each(CREDENTIAL_KINDS)("with a %s", (kind) => {
    it.each(Object.entries(PERSON_CASES))("%s", async (_path, personCase) => {
      const others = await owner.user.findMany({ where: { NOT: { id: person.userId } }, orderBy: { id: "asc" } });
      const call = personCase.call(callerWith(kind, "bistro", person));
      const expected = personCase.answers[kind];
      if (expected === "ANSWERS") await call;
      else await expectRefusal(call, expected);
      const self = await owner.user.findUniqueOrThrow({
        where: { accountId_id: { accountId: person.accountId, id: person.userId } },
      });
      expect(self).toMatchObject({ name: PERSON_NAME, role: "member", status: "active" });
      expect(await owner.user.findMany({ where: { NOT: { id: person.userId } }, orderBy: { id: "asc" } })).toEqual(
        others,
      );
    });
  });
});

// THE LADDER AND THE PROCEDURES' OWN BEHAVIOUR ---------------------------------------------------

describe("account.current", () => {
  it("returns the signed-in account, its plan and its owner", async () => {
    const current = await callerFor(sessionOf("bistro")).account.current();
    expect(current.account).toMatchObject({
      id: ids.bistro.accountId,
      slug: "bistro",
      parentId: ids.voicereseller.accountId,
      isReseller: false,
      limits: { maxIn: 2, maxOut: 2, maxDialer: 0 },
    });
    expect(current.plan).toMatchObject({ id: "starter", name: "Starter" });
    expect(current.user).toEqual({
      id: ids.bistro.ownerUserId,
      email: ids.bistro.ownerEmail,
      name: "Bistro Group Owner",
      role: "owner",
    });
    expect(current.effective.brandName.value).toBe("VoiceReseller");
  });
});

describe("accounts.listChildren", () => {
  it("pages a reseller's children in slug order with a keyset cursor", async () => {
    const caller = callerFor(sessionOf("voicereseller"));
    const first = await caller.accounts.listChildren({ limit: 1 });
    expect(first.items.map((item) => item.slug)).toEqual(["bistro"]);
    expect(first.nextCursor).toBe("bistro");
    expect(first.items[0]).toMatchObject({
      id: ids.bistro.accountId,
      planName: "Starter",
      brandDomain: null,
      childCount: 0,
      status: "active",
    });

    const second = await caller.accounts.listChildren({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((item) => item.slug)).toEqual(["city-clinic"]);
    expect(second.nextCursor).toBeNull();

    const all = await caller.accounts.listChildren({});
    expect(all.items.map((item) => item.id)).toEqual([ids.bistro.accountId, ids["city-clinic"].accountId]);
    expect(all.nextCursor).toBeNull();
  });

  it("lists the children of an account below the reseller", async () => {
    const page = await callerFor(sessionOf("voicereseller")).accounts.listChildren({ parentId: ids.bistro.accountId });
    expect(page).toEqual({
      scope: { id: ids.bistro.accountId, slug: "bistro", name: "Bistro Group" },
      items: [],
      nextCursor: null,
    });
  });

  it("refuses a role without the permission, whatever role the session claims", async () => {
    const member = await createMemberUser(owner, ids.voicereseller.accountId, "isolation-harness");
    try {
      // The session says owner; the database says member, and the database wins.
      const caller = callerFor(sessionOf("voicereseller", { userId: member.id, role: "owner" }));
      await expectTRPCError(caller.accounts.listChildren({}), "FORBIDDEN");
      // A member may still read its own account.
      expect((await caller.account.current()).user?.role).toBe("member");
    } finally {
      await deleteMemberUser(owner, member);
    }
  });

  it("answers BAD_REQUEST with a message naming the field for bad input", async () => {
    const caller = callerFor(sessionOf("voicereseller"));
    const tooSmall = await expectTRPCError(caller.accounts.listChildren({ limit: 0 }), "BAD_REQUEST");
    expect(tooSmall.cause).toBeInstanceOf(ZodError);
    expect(tooSmall.cause).toMatchObject({ issues: [{ path: ["limit"], message: expect.stringMatching(/limit/) }] });
    const notAnId = await expectTRPCError(caller.accounts.listChildren({ parentId: "x" }), "BAD_REQUEST");
    expect(notAnId.cause).toMatchObject({
      issues: [{ path: ["parentId"], message: "parentId must be an account id" }],
    });
  });

  it("sends that message to HTTP clients as the error's message", async () => {
    const input = encodeURIComponent(superjson.stringify({ parentId: "x" }));
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(`http://localhost/api/trpc/accounts.listChildren?input=${input}`),
      router: appRouter,
      createContext: async () =>
        contextFor(app, { host: PLATFORM_HOST, session: await live(sessionOf("voicereseller"), PLATFORM_HOST) }),
    });
    expect(response.status).toBe(400);
    const body = z.object({ error: z.object({ json: z.unknown() }) }).parse(await response.json());
    expect(body.error.json).toMatchObject({
      message: "parentId must be an account id",
      data: {
        code: "BAD_REQUEST",
        reason: "invalid_uuid",
        field: "parentId",
        problems: [{ reason: "invalid_uuid", field: "parentId", message: "parentId must be an account id" }],
        requestId: expect.any(String),
      },
    });
  });
});

describe("the error formatter", () => {
  it("keeps the details of a failed output validation away from clients", () => {
    // Output validation fails with a ZodError cause too; its issues describe server internals.
    // A real parse failure: a ZodError built by hand is not an Error in zod 4, and tRPC would drop it.
    const cause = z.object({ secret: z.string("internal detail") }).safeParse({}).error;
    expect(cause).toBeInstanceOf(Error);
    const error = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed", cause });
    const shape = getErrorShape({
      config: appRouter._def._config,
      error,
      type: "query",
      path: "accounts.listChildren",
      input: undefined,
      ctx: undefined,
    });
    expect(shape.message).toMatch(/^Something went wrong\. Reference [0-9a-f-]{36}\.$/);
    expect(shape.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", reason: "internal_error", field: null });
    expect(JSON.stringify(shape)).not.toMatch(/internal detail|Output validation|secret/);
  });
});

describe("branding.forHost", () => {
  it("answers NOT_FOUND on an unknown host", async () => {
    await expectTRPCError(callerFor(null, UNKNOWN_HOST).branding.forHost(), "NOT_FOUND");
  });

  it("shows a reseller's brand on its host, and fixes the tenant on a single account's host", async () => {
    const reseller = await callerFor(null, hostOf("voicereseller", true)).branding.forHost();
    expect(reseller.effective.brandName.value).toBe("VoiceReseller");
    expect(reseller.fixedTenant).toBeNull();
    const acme = await callerFor(null, hostOf("acme", false)).branding.forHost();
    expect(acme.fixedTenant).toBe("acme");
    const platform = await callerFor(null).branding.forHost();
    expect(platform.effective.brandName.source).toEqual({ kind: "platform" });
  });
});

describe("the session check", () => {
  it("answers UNAUTHORIZED to tenant procedures without a session", async () => {
    await expectTRPCError(callerFor(null).account.current(), "UNAUTHORIZED");
    await expectTRPCError(callerFor(null).accounts.listChildren({}), "UNAUTHORIZED");
  });

  it("answers UNAUTHORIZED once the session's account is suspended, and after it is reactivated", async () => {
    // Each caller is one request; the principal is decided once per request.
    const session = await live(sessionOf("bistro"), await homeHost(app, ids.bistro.accountId));
    expect((await callerFor(session).account.current()).account.id).toBe(ids.bistro.accountId);
    await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "suspended" } });
    try {
      await expectTRPCError(callerFor(session).account.current(), "UNAUTHORIZED");
    } finally {
      await owner.account.update({ where: { id: ids.bistro.accountId }, data: { status: "active" } });
    }
    // Suspension ended the session; signing in again works.
    await expectTRPCError(callerFor(session).account.current(), "UNAUTHORIZED");
    expect((await callerFor(sessionOf("bistro")).account.current()).account.id).toBe(ids.bistro.accountId);
  });

  it("answers UNAUTHORIZED to a session pairing one account with another account's user", async () => {
    const acmeSession = await live(sessionOf("acme"), PLATFORM_HOST);
    const forged = { ...acmeSession, userId: ids.voicereseller.ownerUserId };
    await expectTRPCError(callerFor(forged).account.current(), "UNAUTHORIZED");
  });

  it("answers UNAUTHORIZED to a session id the database does not know, or of another user", async () => {
    const unknown = sessionOf("acme", { sessionId: "00000000-0000-4000-8000-00000000dead" });
    await expectTRPCError(callerFor(unknown).account.current(), "UNAUTHORIZED");
    const resellers = await live(sessionOf("voicereseller"), PLATFORM_HOST);
    const borrowed = sessionOf("acme", { sessionId: resellers.sessionId });
    await expectTRPCError(callerFor(borrowed).account.current(), "UNAUTHORIZED");
  });

  it("accepts a session only on its own brand's host or a host above it, never a customer's on the platform's", async () => {
    const acmeOnResellerHost = callerFor(sessionOf("acme"), hostOf("voicereseller", true));
    await expectTRPCError(acmeOnResellerHost.account.current(), "UNAUTHORIZED");
    await expectTRPCError(callerFor(sessionOf("bistro"), PLATFORM_HOST).account.current(), "UNAUTHORIZED");
    expect((await callerFor(sessionOf("acme"), PLATFORM_HOST).account.current()).account.slug).toBe("acme");
    const onResellerHost = await callerFor(sessionOf("bistro"), hostOf("voicereseller", true)).account.current();
    expect(onResellerHost.account.id).toBe(ids.bistro.accountId);
  });
});

// One-time links and the profile (issue 8): public procedures and the user's own row.
describe("invitation, passwordReset and profile across tenants", () => {
  it("a link of one account is unknown on another brand's host, and reveals nothing", async () => {
    const user = await owner.user.create({
      data: {
        accountId: ids.bistro.accountId,
        email: "harness-invitee@links.test",
        name: "Harness",
        role: "member",
        status: "invited",
      },
    });
    try {
      const token = "harness-token-".padEnd(43, "x");
      await owner.$executeRaw`
        INSERT INTO one_time_links (account_id, user_id, purpose, token_hash, expires_at)
        VALUES (${ids.bistro.accountId}::uuid, ${user.id}::uuid, 'invitation', sha256(convert_to(${token}, 'UTF8')),
                now() + interval '1 hour')`;
      const onAcme = await expectTRPCError(
        callerFor(null, hostOf("acme", false)).invitation.read({ token }),
        "NOT_FOUND",
      );
      expect(JSON.stringify(onAcme)).not.toMatch(/Bistro|harness-invitee/);
      await expectTRPCError(
        callerFor(null, hostOf("acme", false)).invitation.accept({ token, name: "X", password: "a long new password" }),
        "NOT_FOUND",
      );
      expect(
        (await owner.user.findUniqueOrThrow({ where: { accountId_id: { accountId: user.accountId, id: user.id } } }))
          .status,
      ).toBe("invited");
      // Its own brand's host shows it.
      expect((await callerFor(null, hostOf("voicereseller", true)).invitation.read({ token })).email).toBe(user.email);
    } finally {
      await owner.user.delete({ where: { accountId_id: { accountId: user.accountId, id: user.id } } });
    }
  });

  it("profile procedures read and change only the signed-in user, in their own account even with another opened", async () => {
    const before = await owner.user.findMany({
      where: { NOT: { id: ids.voicereseller.ownerUserId } },
      orderBy: { id: "asc" },
    });
    const reseller = callerFor(sessionOf("voicereseller"), undefined, ids.bistro.accountId);
    expect((await reseller.profile.get()).email).toBe(ids.voicereseller.ownerEmail);
    await reseller.profile.updateName({ name: "VoiceReseller Inc. Owner" });
    expect(
      await owner.user.findMany({ where: { NOT: { id: ids.voicereseller.ownerUserId } }, orderBy: { id: "asc" } }),
    ).toEqual(before);
  });
});
