/**
 * API keys as people manage them: made with scopes the maker holds, listed without their secret,
 * revoked at once; a key never manages keys; the live-key limit holds under concurrency; the
 * resolver refuses revoked and expired keys and records the last use, at most once a minute; the
 * audit log names the key that acted, also in the logs above its account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { problemsOf } from "@/server/api/error-message";
import { hashApiKey } from "@/server/auth/api-key-secret";
import { KEY_SCOPES, permissionsOfRole } from "@/server/auth/permissions";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { createApiKey } from "@/server/keys/create";
import { grantableScopes } from "@/server/keys/scopes";
import type { HostResolution } from "@/server/tenancy/host-resolver";
import { brandHostNamed, callerAs, callerFor, trpcError } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";

let app: PrismaClient;
let owner: PrismaClient;
let ids: DemoIds;
let resellerHost: HostResolution;
const madeKeyIds = new Set<string>();
const madeExtensionIds: string[] = [];

beforeAll(async () => {
  ({ app, owner, ids } = await connectDemoDatabase({ appPoolSize: 8 }));
  resellerHost = await brandHostNamed(app, "voicereseller.localhost");
});

afterAll(async () => {
  const keyIds = [...madeKeyIds];
  await owner.auditEntry.deleteMany({ where: { actorKeyId: { in: keyIds } } });
  await owner.$executeRaw`DELETE FROM audit_entries WHERE action LIKE 'api_key.%' AND details->>'id' = ANY (${keyIds}::text[])`;
  await owner.extension.deleteMany({ where: { id: { in: madeExtensionIds } } });
  await owner.apiKey.deleteMany({ where: { id: { in: keyIds } } });
  await Promise.all([app?.$disconnect(), owner?.$disconnect()]);
});

const bistroOwner = () => callerAs(app, { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });
const withKey = (key: string, ip: string | null = "198.51.100.7") =>
  callerFor(app, { host: resellerHost, bearer: key, tenant: "bistro", ip });

async function made<T extends { apiKey: { id: string } }>(creation: Promise<T>): Promise<T> {
  const result = await creation;
  madeKeyIds.add(result.apiKey.id);
  return result;
}

/** Bistro's keys in use: neither revoked nor expired. */
function liveKeys(): Promise<number> {
  return owner.apiKey.count({
    where: {
      accountId: ids.bistro.accountId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
    },
  });
}

describe("making, listing and revoking a key", () => {
  it("shows the key once, stores only its hash, lists it newest first and revokes it once", async () => {
    const caller = bistroOwner();
    const created = await made(
      caller.apiKeys.create({ name: "  Billing   export ", scopes: ["extensions:read", "account:read"] }),
    );
    expect(created.key).toMatch(/^vrk_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    expect(created.key.startsWith(`${created.apiKey.prefix}_`)).toBe(true);
    expect(created.apiKey).toMatchObject({
      name: "Billing export",
      // In the permissions' own order, whatever order they were asked in.
      scopes: ["account:read", "extensions:read"],
      status: "active",
      createdBy: { id: ids.bistro.ownerUserId, email: ids.bistro.ownerEmail },
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    const row = await owner.apiKey.findFirstOrThrow({ where: { id: created.apiKey.id } });
    expect(Buffer.from(row.secretHash)).toEqual(hashApiKey(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(-32));

    const second = await made(caller.apiKeys.create({ name: "Second", scopes: ["account:read"] }));
    const page = await caller.apiKeys.list({ limit: 1 });
    expect(page.accountId).toBe(ids.bistro.accountId);
    expect(page.items.map((item) => item.id)).toEqual([second.apiKey.id]);
    expect(page.nextCursor).toBe(second.apiKey.id);
    const next = await caller.apiKeys.list({ limit: 1, cursor: page.nextCursor ?? undefined });
    expect(next.items.map((item) => item.id)).toEqual([created.apiKey.id]);
    expect(JSON.stringify(await caller.apiKeys.list({}))).not.toContain(created.key.slice(-32));

    const revoked = await caller.apiKeys.revoke({ keyId: created.apiKey.id });
    expect(revoked).toMatchObject({ status: "revoked", revokedBy: { id: ids.bistro.ownerUserId } });
    // Again: nothing changes, and it is said as it is (idempotent, no second entry).
    const again = await caller.apiKeys.revoke({ keyId: created.apiKey.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);

    const entries = await owner.auditEntry.findMany({
      where: { accountId: ids.bistro.accountId, action: { startsWith: "api_key." } },
    });
    const mine = entries.filter((entry) => JSON.stringify(entry.details).includes(created.apiKey.id));
    expect(mine.map((entry) => entry.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
    for (const entry of mine) {
      expect(entry.actorUserId).toBe(ids.bistro.ownerUserId);
      expect(JSON.stringify(entry.details)).toContain(created.apiKey.prefix);
      expect(JSON.stringify(entry.details)).not.toContain(created.key.slice(-32));
    }
  });

  it("refuses a key of another account as not found, and changes nothing", async () => {
    const cityKey = await made(
      callerAs(app, { accountId: ids["city-clinic"].accountId, userId: ids["city-clinic"].ownerUserId }).apiKeys.create(
        { name: "City's own", scopes: ["account:read"] },
      ),
    );
    const error = await trpcError(bistroOwner().apiKeys.revoke({ keyId: cityKey.apiKey.id }));
    expect(error.code).toBe("NOT_FOUND");
    expect(problemsOf(error)[0]).toMatchObject({ reason: "key_not_found", field: "keyId" });
    const row = await owner.apiKey.findFirstOrThrow({ where: { id: cityKey.apiKey.id } });
    expect(row.revokedAt).toBeNull();
  });

  it("refuses a past expiry, one beyond a year, and no scope at all, at their fields", async () => {
    const caller = bistroOwner();
    const past = await trpcError(
      caller.apiKeys.create({ name: "Past", scopes: ["account:read"], expiresAt: new Date(Date.now() - 60_000) }),
    );
    expect(problemsOf(past)).toEqual([expect.objectContaining({ reason: "expiry_in_past", field: "expiresAt" })]);
    const far = new Date(Date.now() + 400 * 24 * 3600 * 1000);
    const tooFar = await trpcError(caller.apiKeys.create({ name: "Far", scopes: ["account:read"], expiresAt: far }));
    expect(problemsOf(tooFar)).toEqual([expect.objectContaining({ reason: "expiry_too_far", field: "expiresAt" })]);
    const none = await trpcError(caller.apiKeys.create({ name: "None", scopes: [] }));
    expect(none.code).toBe("BAD_REQUEST");
    expect(problemsOf(none)[0]?.field).toBe("scopes");
    // keys:* is never a key's scope, whoever asks.
    const keys = await trpcError(caller.apiKeys.create({ name: "Keys", scopes: ["keys:write" as "account:read"] }));
    expect(keys.code).toBe("BAD_REQUEST");
    expect(problemsOf(keys)[0]?.field).toBe("scopes.0");
  });
});

describe("nobody makes a key stronger than themselves", () => {
  it("refuses scopes beyond the maker's own permissions", async () => {
    const manager = grantableScopes(permissionsOfRole("manager"));
    expect(manager).not.toContain("users:write");
    const actor = {
      accountId: ids.bistro.accountId,
      userAccountId: ids.bistro.accountId,
      userId: ids.bistro.ownerUserId,
      ip: null,
    };
    const refusal = await withTenant(app, ids.bistro.accountId, (tx) =>
      createApiKey(tx, actor, manager, { name: "Too strong", scopes: ["extensions:write", "users:write"] }),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems[0]).toMatchObject({ reason: "scope_not_grantable", field: "scopes" });
    expect((refusal as DomainError).message).toContain("users:write");
    expect(await owner.apiKey.count({ where: { name: "Too strong" } })).toBe(0);
  });

  it("a key cannot make, revoke or list keys, whatever its scopes", async () => {
    const strongest = await made(bistroOwner().apiKeys.create({ name: "Strongest", scopes: [...KEY_SCOPES] }));
    const key = withKey(strongest.key);
    for (const call of [
      () => key.apiKeys.create({ name: "Minted by a key", scopes: ["account:read"] }),
      () => key.apiKeys.revoke({ keyId: strongest.apiKey.id }),
      () => key.apiKeys.list({}),
    ]) {
      const error = await trpcError(call());
      expect(error.code).toBe("FORBIDDEN");
      expect(problemsOf(error)[0]?.reason).toBe("user_only");
    }
    expect(await owner.apiKey.count({ where: { name: "Minted by a key" } })).toBe(0);
  });

  it("a reseller acting as an account below reads its keys but does not make or revoke them", async () => {
    const bistroKey = await made(bistroOwner().apiKeys.create({ name: "Bistro's", scopes: ["account:read"] }));
    const reseller = callerAs(
      app,
      { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
      { openAs: ids.bistro.accountId },
    );
    const page = await reseller.apiKeys.list({});
    expect(page.accountId).toBe(ids.bistro.accountId);
    expect(page.items.map((item) => item.id)).toContain(bistroKey.apiKey.id);
    // One call at a time: a second call already under way could fail before it is awaited.
    for (const call of [
      () => reseller.apiKeys.create({ name: "From above", scopes: ["account:read"] }),
      () => reseller.apiKeys.revoke({ keyId: bistroKey.apiKey.id }),
    ]) {
      const error = await trpcError(call());
      expect(error.code).toBe("FORBIDDEN");
      expect(problemsOf(error)[0]?.reason).toBe("own_account_only");
    }
    expect((await owner.apiKey.findFirstOrThrow({ where: { id: bistroKey.apiKey.id } })).revokedAt).toBeNull();
  });
});

describe("a key in use", () => {
  it("stops at once when revoked: the next request is key_revoked", async () => {
    const created = await made(bistroOwner().apiKeys.create({ name: "Soon revoked", scopes: ["account:read"] }));
    const key = withKey(created.key);
    expect((await key.account.current()).apiKey).toEqual({ id: created.apiKey.id, name: "Soon revoked" });
    await bistroOwner().apiKeys.revoke({ keyId: created.apiKey.id });
    const error = await trpcError(key.account.current());
    expect(error.code).toBe("UNAUTHORIZED");
    expect(problemsOf(error)[0]?.reason).toBe("key_revoked");
  });

  it("stops once expired: key_expired", async () => {
    const created = await made(
      bistroOwner().apiKeys.create({
        name: "Short-lived",
        scopes: ["account:read"],
        expiresAt: new Date(Date.now() + 3600_000),
      }),
    );
    await withKey(created.key).account.current();
    await owner.$executeRaw`UPDATE api_keys SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
                             WHERE id = ${created.apiKey.id}::uuid`;
    const error = await trpcError(withKey(created.key).account.current());
    expect(problemsOf(error)[0]?.reason).toBe("key_expired");
    const listed = await bistroOwner().apiKeys.list({});
    expect(listed.items.find((item) => item.id === created.apiKey.id)?.status).toBe("expired");
  });

  it("records its last use, time and address, at most once a minute per address", async () => {
    const created = await made(bistroOwner().apiKeys.create({ name: "Busy program", scopes: ["account:read"] }));
    const lastUse = async () => {
      const item = (await bistroOwner().apiKeys.list({ limit: 100 })).items.find(
        (each) => each.id === created.apiKey.id,
      );
      return { at: item?.lastUsedAt ?? null, ip: item?.lastUsedIp ?? null };
    };
    expect(await lastUse()).toEqual({ at: null, ip: null });
    await withKey(created.key, "203.0.113.9").account.current();
    const first = await lastUse();
    expect(first.ip).toBe("203.0.113.9");
    expect(first.at).toBeInstanceOf(Date);
    // Within the minute, from the same address: not written again.
    await withKey(created.key, "203.0.113.9").account.current();
    expect(await lastUse()).toEqual(first);
    // From another address: written at once.
    await withKey(created.key, "203.0.113.10").account.current();
    expect((await lastUse()).ip).toBe("203.0.113.10");
    // A minute later (moved back in the row, not waited for): written again.
    await owner.$executeRaw`UPDATE api_keys SET last_used_at = last_used_at - interval '2 minutes' WHERE id = ${created.apiKey.id}::uuid`;
    const before = await lastUse();
    await withKey(created.key, "203.0.113.10").account.current();
    const after = await lastUse();
    expect(after.at?.getTime()).toBeGreaterThan(before.at?.getTime() ?? 0);
  });

  it("is named in the audit log as the key, in its account's log and in the reseller's above", async () => {
    const created = await made(
      bistroOwner().apiKeys.create({ name: "Provisioner", scopes: ["extensions:read", "extensions:write"] }),
    );
    const extension = await withKey(created.key).extensions.create({ number: "4901", name: "Made by a key" });
    madeExtensionIds.push(extension.id);
    const expected = {
      kind: "key",
      name: "Provisioner",
      prefix: created.apiKey.prefix,
      accountName: "Bistro Group",
    };
    const own = await bistroOwner().audit.list({ action: "extension.created", limit: 10 });
    expect(
      own.items.find((entry) => entry.details.after && JSON.stringify(entry.details).includes(extension.id))?.actor,
    ).toEqual(expected);
    const reseller = callerAs(app, { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId });
    const above = await reseller.audit.list({
      action: "extension.created",
      targetAccountId: ids.bistro.accountId,
      limit: 10,
    });
    const copy = above.items.find((entry) => JSON.stringify(entry.details).includes(extension.id));
    expect(copy?.actor).toEqual(expected);
    expect(copy?.actingAs).toBeNull();
  });
});

describe("the live-key limit", () => {
  it("lets concurrent makers together reach 25 keys in use and no more; revoked and expired keys do not count", async () => {
    const caller = bistroOwner();
    // Keys other files left in use count too.
    const room = 25 - (await liveKeys());
    expect(room).toBeGreaterThan(0);
    const attempts = room + 4;
    // Straight to the service, each in its own transaction (the procedures' per-tenant turns would
    // queue them): the database alone decides.
    const actor = {
      accountId: ids.bistro.accountId,
      userAccountId: ids.bistro.accountId,
      userId: ids.bistro.ownerUserId,
      ip: null,
    };
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) =>
        made(
          withTenant(app, ids.bistro.accountId, (tx) =>
            createApiKey(tx, actor, ["account:read"], { name: `Limit ${index}`, scopes: ["account:read"] }),
          ),
        ),
      ),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(attempts - refused.length).toBe(room);
    for (const result of refused) {
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("FORBIDDEN");
      expect((error as DomainError).problems[0]).toMatchObject({ reason: "key_limit", field: null });
    }
    expect(await liveKeys()).toBe(25);

    // A revoked key makes room; so does an expired one.
    const first = results.find((result) => result.status === "fulfilled");
    if (first?.status !== "fulfilled") throw new Error("no key was made");
    await caller.apiKeys.revoke({ keyId: first.value.apiKey.id });
    await made(caller.apiKeys.create({ name: "After a revocation", scopes: ["account:read"] }));
    const refusedAgain = await trpcError(caller.apiKeys.create({ name: "Over", scopes: ["account:read"] }));
    expect(problemsOf(refusedAgain)[0]?.reason).toBe("key_limit");
    const someLive = await owner.apiKey.findFirstOrThrow({
      where: { accountId: ids.bistro.accountId, id: { in: [...madeKeyIds] }, revokedAt: null },
    });
    await owner.$executeRaw`UPDATE api_keys SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second'
                             WHERE id = ${someLive.id}::uuid`;
    await made(caller.apiKeys.create({ name: "After an expiry", scopes: ["account:read"] }));
    // Done: revoke this file's keys so that other files have room again.
    await owner.apiKey.updateMany({
      where: { accountId: ids.bistro.accountId, id: { in: [...madeKeyIds] }, revokedAt: null },
      data: { revokedAt: new Date(), revokedByUserId: ids.bistro.ownerUserId },
    });
  });
});

describe("the database", () => {
  it("bounds the expiry to a year after the key's creation, by its own clock, as the same problem", async () => {
    const day = 24 * 3600 * 1000;
    const actor = {
      accountId: ids.bistro.accountId,
      userAccountId: ids.bistro.accountId,
      userId: ids.bistro.ownerUserId,
      ip: null,
    };
    // This server's clock a month ahead of the database's: its own check passes, the table's does not.
    const ahead = new Date(Date.now() + 30 * day);
    const refusal = await withTenant(app, ids.bistro.accountId, (tx) =>
      createApiKey(
        tx,
        actor,
        ["account:read"],
        { name: "Clock skew", scopes: ["account:read"], expiresAt: new Date(Date.now() + 390 * day) },
        ahead,
      ),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems[0]).toMatchObject({ reason: "expiry_too_far", field: "expiresAt" });
    expect(await owner.apiKey.count({ where: { name: "Clock skew" } })).toBe(0);
  });

  it("lets the request role change a key only by revoking it, and a revoked key stays revoked", async () => {
    const created = await made(bistroOwner().apiKeys.create({ name: "Guarded", scopes: ["account:read"] }));
    const attempt = (change: Prisma.ApiKeyUncheckedUpdateManyInput) =>
      withTenant(app, ids.bistro.accountId, (tx) =>
        tx.apiKey.updateMany({ where: { accountId: ids.bistro.accountId, id: created.apiKey.id }, data: change }),
      ).then(
        () => "changed",
        () => "refused",
      );
    expect(await attempt({ scopes: [...KEY_SCOPES] })).toBe("refused");
    expect(await attempt({ expiresAt: null, name: "Renamed" })).toBe("refused");
    expect(await attempt({ revokedAt: new Date(), revokedByUserId: ids.bistro.ownerUserId })).toBe("changed");
    expect(await attempt({ revokedAt: null, revokedByUserId: null })).toBe("refused");
    const row = await owner.apiKey.findFirstOrThrow({ where: { id: created.apiKey.id } });
    expect(row).toMatchObject({ name: "Guarded", scopes: ["account:read"] });
    expect(row.revokedAt).not.toBeNull();
  });
});
