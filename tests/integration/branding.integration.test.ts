/**
 * Branding and defaults: the editor's own/effective/inherited values at three levels, overrides
 * and resets, the rules and their messages, logos by content and how they are served, the
 * database's guard on an account's own row, audit entries, and several server instances seeing a
 * reseller's change at once.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { messageOf, problemsOf } from "@/server/api/error-message";
import { logoResponse } from "@/server/branding/serve-logo";
import { createPrismaClient } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { loadEffectiveSettings } from "@/server/tenancy/branding";
import { hostBranding } from "@/server/tenancy/host-branding";
import { HostResolver } from "@/server/tenancy/host-resolver";
import { callerAs, trpcError } from "@/tests/helpers/callers";
import {
  connectDemoDatabase,
  createMemberUser,
  type DemoIds,
  type DemoSlug,
  deleteMemberUser,
} from "@/tests/helpers/demo-data";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const TEST_IP = "198.51.100.61";
const LIMITS = { maxIn: 2, maxOut: 2, maxDialer: 0 };

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let subId: string;
let leafId: string;
let memberUserId: string;

function callerOf(slug: DemoSlug, user?: { id: string; role: "member" }) {
  return callerAs(
    app,
    { accountId: ids[slug].accountId, userId: user?.id ?? ids[slug].ownerUserId, role: user?.role },
    { ip: TEST_IP },
  );
}
const reseller = () => callerOf("voicereseller");

/** What the demo accounts had, to put back afterwards. */
let saved: {
  id: string;
  primaryColor: string | null;
  accentColor: string | null;
  timezone: string | null;
  language: string | null;
  logoUrl: string | null;
}[] = [];

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 3 }));
  saved = await owner.account.findMany({
    where: { id: { in: [ids.voicereseller.accountId, ids.bistro.accountId] } },
    select: { id: true, primaryColor: true, accentColor: true, timezone: true, language: true, logoUrl: true },
  });
  const sub = await reseller().accounts.create({
    name: "Brand Sub",
    slug: "brand-sub",
    planId: "starter",
    isReseller: true,
    limits: LIMITS,
  });
  subId = sub.id;
  const leaf = await reseller().accounts.create({
    parentId: subId,
    name: "Brand Leaf",
    slug: "brand-leaf",
    planId: "starter",
    limits: LIMITS,
  });
  leafId = leaf.id;
  memberUserId = (await createMemberUser(owner, ids.voicereseller.accountId, "branding")).id;
});

afterAll(async () => {
  await owner.auditEntry.deleteMany({
    where: { OR: [{ targetAccountId: { in: [leafId, subId] } }, { ip: TEST_IP }] },
  });
  await owner.accountLogo.deleteMany({ where: { accountId: { in: [leafId, subId, ids.bistro.accountId] } } });
  await owner.account.delete({ where: { id: leafId } });
  await owner.account.delete({ where: { id: subId } });
  for (const { id, ...values } of saved) {
    await owner.account.update({ where: { id }, data: values });
  }
  await deleteMemberUser(owner, { accountId: ids.voicereseller.accountId, id: memberUserId });
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("inheritance at three levels, with overrides and resets", () => {
  it("shows each field's own, effective and inherited value with where it comes from", async () => {
    await reseller().branding.update({ accountId: ids.voicereseller.accountId, changes: { primaryColor: "#1E3A8A" } });
    await reseller().branding.update({
      accountId: subId,
      changes: { accentColor: "#fde68a", timezone: "Europe/Paris" },
    });
    await reseller().branding.update({ accountId: leafId, changes: { language: "de" } });

    const leaf = await reseller().branding.get({ accountId: leafId });
    expect(leaf.account).toEqual({ id: leafId, slug: "brand-leaf", name: "Brand Leaf", isOwn: false });
    expect(leaf.fields.primaryColor).toMatchObject({
      own: null,
      effective: { value: "#1e3a8a", source: { kind: "account", accountId: ids.voicereseller.accountId, depth: 2 } },
    });
    expect(leaf.fields.accentColor.effective).toMatchObject({
      value: "#fde68a",
      source: { kind: "account", accountId: subId, depth: 1 },
    });
    expect(leaf.fields.timezone.effective).toMatchObject({ value: "Europe/Paris", source: { accountId: subId } });
    expect(leaf.fields.language).toMatchObject({
      own: "de",
      effective: { value: "de", source: { kind: "account", accountId: leafId, depth: 0 } },
      // what "reset" would give: nobody above sets a language, so the platform's
      inherited: { source: { kind: "platform" } },
    });
    expect(leaf.fields.brandName.effective).toMatchObject({
      value: "VoiceReseller",
      source: { accountId: ids.voicereseller.accountId },
    });
  });

  it("resets a field to the inherited value, for the account and everything that inherits from it", async () => {
    await reseller().branding.update({ accountId: subId, changes: { accentColor: null } });
    const leaf = await reseller().branding.get({ accountId: leafId });
    expect(leaf.fields.accentColor.effective).toMatchObject({
      value: "#f59e0b",
      source: { kind: "account", accountId: ids.voicereseller.accountId },
    });
    const sub = await reseller().branding.get({ accountId: subId });
    expect(sub.fields.accentColor.own).toBeNull();
    // The leaf's own override survives a change above it.
    await reseller().branding.update({ accountId: subId, changes: { language: "fr" } });
    expect((await reseller().branding.get({ accountId: leafId })).fields.language.effective.value).toBe("de");
    await reseller().branding.update({ accountId: leafId, changes: { language: null } });
    expect((await reseller().branding.get({ accountId: leafId })).fields.language.effective).toMatchObject({
      value: "fr",
      source: { accountId: subId },
    });
  });

  it("writes one audit entry per change, with before and after, and none for no change", async () => {
    const entries = await owner.auditEntry.findMany({
      where: { action: "branding.update", targetAccountId: subId, originAccountId: null },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => entry.details)).toEqual([
      { before: { accentColor: null, timezone: null }, after: { accentColor: "#fde68a", timezone: "Europe/Paris" } },
      { before: { accentColor: "#fde68a" }, after: { accentColor: null } },
      { before: { language: null }, after: { language: "fr" } },
    ]);
    expect(entries[0]).toMatchObject({ actorUserId: ids.voicereseller.ownerUserId, ip: TEST_IP });
    await reseller().branding.update({ accountId: subId, changes: { language: "fr" } });
    expect(
      await owner.auditEntry.count({
        where: { action: "branding.update", targetAccountId: subId, originAccountId: null },
      }),
    ).toBe(3);
  });
});

describe("the rules", () => {
  it.each([
    [
      "a primary colour too light for links on the page",
      { primaryColor: "#f59e0b" },
      "The primary colour #f59e0b is too light for links on the page: contrast 2.0:1, WCAG AA needs 4.5:1. Choose a darker shade.",
    ],
    [
      "an accent colour no text reads on",
      { accentColor: "#777777" },
      "Text on the accent colour #777777 is hard to read: contrast 4.4:1 at best, WCAG AA needs 4.5:1. Choose a darker or lighter shade.",
    ],
    ["a colour that is no colour", { primaryColor: "blue" }, "The primary colour must be a colour like #1d4ed8"],
    ["an unknown time zone", { timezone: "Mars/Olympus" }, "The time zone must be an IANA name like Europe/Paris"],
    ["an unsupported language", { language: "xx" }, "The language must be one of the 16 supported languages"],
    ["a caller ID that is not E.164", { defaultCidNumber: "0612345678" }, "international number like +14155550123"],
    ["a support e-mail that is not one", { supportEmail: "help" }, "The support e-mail must be an address"],
    [
      "a destination of a kind that does not exist",
      { defaultDestination: { kind: "queue", id: "front-desk" } },
      "Choose an extension, a department or a schedule",
    ],
    [
      "a destination named by text instead of chosen from the list",
      { defaultDestination: { kind: "extension", id: "100" } },
      "Choose a destination from the list",
    ],
  ])("refuses %s, saying why", async (_case, changes, message) => {
    // Some of these are invalid for the input's type too: a program can send anything.
    const error = await trpcError(reseller().branding.update({ accountId: leafId, changes: changes as never }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(messageOf(problemsOf(error))).toContain(message);
  });

  it("leaves an account below to choose its own default destination, which it does not inherit", async () => {
    const editor = await reseller().branding.get({ accountId: leafId });
    // The reseller cannot read the account's rows, so it gets no list to choose from.
    expect(editor.destinations).toBeNull();
    expect(editor.fields.defaultDestination).toMatchObject({ own: null, effective: { value: null } });
    const error = await trpcError(
      reseller().branding.update({
        accountId: leafId,
        changes: { defaultDestination: { kind: "extension", id: "00000000-0000-4000-8000-000000000000" } },
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(problemsOf(error)).toEqual([
      expect.objectContaining({ reason: "destination_not_own", field: "changes.defaultDestination" }),
    ]);
  });

  it("lets an account edit its own branding and defaults, and is refused to a member", async () => {
    const bistro = await callerOf("bistro").branding.update({
      accountId: ids.bistro.accountId,
      changes: { timezone: "Europe/Paris" },
    });
    expect(bistro.account.isOwn).toBe(true);
    expect(bistro.fields.timezone.own).toBe("Europe/Paris");
    // Its place in the tree is untouched: the tree trigger must not recompute it from a parent
    // row the tenant cannot read.
    const row = await owner.account.findUniqueOrThrow({ where: { id: ids.bistro.accountId } });
    expect(row.ancestors).toEqual(ids.bistro.ancestors);
    const member = await trpcError(
      callerOf("voicereseller", { id: memberUserId, role: "member" }).branding.get({ accountId: leafId }),
    );
    expect(member.code).toBe("FORBIDDEN");
  });

  it("keeps an account from changing its own name, plan, limits or status, even past the code", async () => {
    for (const data of [{ name: "Self-renamed" }, { maxIn: 9999 }, { status: "closed" as const }]) {
      await expect(
        withTenant(app, ids.bistro.accountId, (tx) => tx.account.update({ where: { id: ids.bistro.accountId }, data })),
      ).rejects.toThrow(/cannot change its own name, plan, limits or status/);
    }
    // Nor a sibling's or a parent's row at all: RLS admits no such row for update.
    const sibling = await withTenant(app, ids.bistro.accountId, (tx) =>
      tx.account.updateMany({ where: { id: ids["city-clinic"].accountId }, data: { timezone: "UTC" } }),
    );
    expect(sibling.count).toBe(0);
  });
});

describe("logos", () => {
  it("stores an uploaded logo by content, sets it, and serves it with cache headers", async () => {
    const updated = await reseller().branding.update({ accountId: leafId, logo: { base64: PNG.toString("base64") } });
    const url = updated.fields.logoUrl.own ?? "";
    expect(url).toMatch(new RegExp(`^/brand-assets/${leafId}/[0-9a-f]{64}\\.png$`));
    const [, , accountId = "", file = ""] = url.split("/");
    const response = await logoResponse(app, accountId, file, null);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    const etag = response.headers.get("etag");
    expect((await logoResponse(app, accountId, file, etag)).status).toBe(304);
    // The same bytes under another extension, or under another account, are not found.
    expect((await logoResponse(app, accountId, file.replace(".png", ".webp"), null)).status).toBe(404);
    expect((await logoResponse(app, subId, file, null)).status).toBe(404);
    // The leaf's customers see it; it is the leaf's own value, not the sub-reseller's.
    expect((await reseller().branding.get({ accountId: subId })).fields.logoUrl.own).toBeNull();
  });

  it.each([
    ["a text file named like an image", Buffer.from("just text, called logo.png"), "this file is none of them"],
    ["a file over 256 KB", Buffer.concat([PNG, Buffer.alloc(256 * 1024)]), "can be at most 256 KB"],
  ])("refuses %s and changes nothing", async (_case, bytes, message) => {
    const before = await owner.account.findUniqueOrThrow({ where: { id: leafId } });
    const error = await trpcError(
      reseller().branding.update({
        accountId: leafId,
        changes: { brandName: "Should not stick" },
        logo: { base64: bytes.toString("base64") },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(messageOf(problemsOf(error))).toContain(message);
    expect(await owner.account.findUniqueOrThrow({ where: { id: leafId } })).toEqual(before);
  });

  it("resets the logo to the inherited one", async () => {
    const reset = await reseller().branding.update({ accountId: leafId, changes: { logoUrl: null } });
    expect(reset.fields.logoUrl.own).toBeNull();
  });
});

describe("several server instances", () => {
  const pools: pg.Pool[] = [];
  const clients: PrismaClient[] = [];

  afterAll(async () => {
    await Promise.all([...pools.map((pool) => pool.end()), ...clients.map((client) => client.$disconnect())]);
  });

  it("all show a reseller's new colour on the hosts and accounts that inherit it, within seconds", async () => {
    // Two instances: each its own pool, host resolver (with a long TTL, so only the change
    // notification can refresh it) and database client.
    const instances = [0, 1].map(() => {
      const pool = new pg.Pool({ connectionString: inject("appUrl"), max: 2 });
      const db = createPrismaClient(inject("appUrl"), { max: 2 });
      pools.push(pool);
      clients.push(db);
      return { db, resolver: new HostResolver(pool, ["localhost"], { ttlMs: 10 * 60_000 }) };
    });
    const shown = async (instance: (typeof instances)[number]) => {
      const host = await instance.resolver.resolve("voicereseller.localhost");
      if (host.kind !== "brand") throw new Error("voicereseller.localhost does not resolve");
      const onHost = await hostBranding(instance.db, host);
      const bistro = await loadEffectiveSettings(instance.db, ids.bistro.accountId);
      return [onHost.effective.primaryColor.value, bistro.primaryColor.value];
    };
    for (const instance of instances) await shown(instance);

    await reseller().branding.update({ accountId: ids.voicereseller.accountId, changes: { primaryColor: "#0f766e" } });
    const deadline = Date.now() + 3_000;
    let seen = await Promise.all(instances.map(shown));
    while (seen.flat().some((colour) => colour !== "#0f766e") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await Promise.all(instances.map(shown));
    }
    expect(seen).toEqual([
      ["#0f766e", "#0f766e"],
      ["#0f766e", "#0f766e"],
    ]);
    await Promise.all(instances.map((instance) => instance.resolver.close()));
  });
});
