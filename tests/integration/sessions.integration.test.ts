/**
 * Sessions end when they should (sign-out, a new password, a removed user, suspension of the
 * account or of any account above it), suspension holds for a whole subtree (sign-in, sessions,
 * and the status a reseller sees), and a brand host shows visitors nothing of the accounts above
 * it. Against the real database, through the same functions and procedures the portal uses.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/server/auth/password";
import type { PortalSession } from "@/server/auth/session";
import { endSession, endSessionsOfUser, startSession } from "@/server/auth/session-store";
import { signIn } from "@/server/auth/sign-in";
import { SignInThrottle } from "@/server/auth/throttle";
import { logoResponse } from "@/server/branding/serve-logo";
import { withTenant } from "@/server/db/tenant";
import type { HostBrand } from "@/server/tenancy/host-resolver";
import {
  brandHostNamed,
  callerAs,
  resolveTestRequest,
  signedInSession,
  trpcError,
  visitorCaller,
} from "@/tests/helpers/callers";
import { connectDemoDatabase, createMemberUser, type DemoIds, deleteMemberUser } from "@/tests/helpers/demo-data";

const PLATFORM: HostBrand = { kind: "platform", hostname: "localhost" };
const TEST_IP = "192.0.2.77";
const SUB_HOST = "sessions-sub.localhost";
const CUSTOMER_PASSWORD = "customer-password-1";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let resellerHost: HostBrand;

/** The principal the request resolver finds for `session` on the reseller's host; null when it does not hold. */
async function principalOf(session: PortalSession) {
  return (await resolveTestRequest(app, { host: resellerHost, session })).principal;
}
/** Below VoiceReseller: a sub-reseller, and its customer with an owner who signs in. */
let sub: { id: string; ownerId: string };
let customer: { id: string; ownerId: string };

/** The portal's own throttle, counting in the test database (a few attempts, far below its limits). */
function freshThrottles() {
  return SignInThrottle.for(app);
}

const signInCustomer = (host: HostBrand = resellerHost) =>
  signIn(
    app,
    host,
    { email: "owner@sessions-customer.test", password: CUSTOMER_PASSWORD, tenant: "sessions-customer" },
    TEST_IP,
    freshThrottles(),
  );

/** The caller of a browser holding this one session. */
const holding = (session: PortalSession, host: HostBrand) => callerAs(app, session, { host, session });

const reseller = () => callerAs(app, { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId });

async function createAccount(slug: string, parentId: string, isReseller: boolean) {
  const account = await owner.account.create({
    data: {
      slug,
      name: `Sessions ${slug}`,
      parentId,
      isReseller,
      planId: "starter",
      maxIn: 1,
      maxOut: 1,
      maxDialer: 0,
    },
  });
  const user = await owner.user.create({
    data: {
      accountId: account.id,
      email: `owner@${slug}.test`,
      name: `Owner of ${slug}`,
      role: "owner",
      passwordHash: await hashPassword(CUSTOMER_PASSWORD),
    },
  });
  return { id: account.id, ownerId: user.id };
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 3 }));
  resellerHost = await brandHostNamed(app, "voicereseller.localhost");
  sub = await createAccount("sessions-sub", ids.voicereseller.accountId, true);
  customer = await createAccount("sessions-customer", sub.id, false);
});

afterAll(async () => {
  const mine = [customer.id, sub.id];
  await owner.auditEntry.deleteMany({
    where: { OR: [{ targetAccountId: { in: mine } }, { accountId: { in: mine } }, { ip: TEST_IP }] },
  });
  await owner.hostMapping.deleteMany({ where: { hostname: SUB_HOST } });
  for (const id of mine) {
    await owner.user.deleteMany({ where: { accountId: id } });
    await owner.account.delete({ where: { id } });
  }
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("signing in and out", () => {
  it("starts sessions only for a user of the account named", async () => {
    await expect(
      startSession(app, { accountId: ids.acme.accountId, userId: ids.bistro.ownerUserId }),
    ).rejects.toThrow();
  });

  it("ends that session at once, and only that one", async () => {
    const user = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const signedOut = await signedInSession(app, user, resellerHost);
    const otherBrowser = await signedInSession(app, user, resellerHost);
    expect((await holding(signedOut, resellerHost).account.current()).account.slug).toBe("bistro");

    expect(await endSession(app, { accountId: user.accountId, sessionId: signedOut.sessionId })).toBe(true);
    // The cookie still decodes, as a copy kept elsewhere would: the database says no.
    expect((await trpcError(holding(signedOut, resellerHost).account.current())).code).toBe("UNAUTHORIZED");
    expect(await principalOf(signedOut)).toBeNull();
    expect(await endSession(app, { accountId: user.accountId, sessionId: signedOut.sessionId })).toBe(false);
    expect((await holding(otherBrowser, resellerHost).account.current()).account.slug).toBe("bistro");
  });
});

describe("a new password", () => {
  it("ends every session of its user, whoever changes it, and no one else's", async () => {
    const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const first = await signedInSession(app, bistro, resellerHost);
    const second = await signedInSession(app, bistro, resellerHost);
    const cityClinic = await signedInSession(
      app,
      { accountId: ids["city-clinic"].accountId, userId: ids["city-clinic"].ownerUserId },
      resellerHost,
    );
    const before = await owner.user.findUniqueOrThrow({
      where: { accountId_id: { accountId: bistro.accountId, id: bistro.userId } },
    });
    try {
      // As the request role, inside the tenant, the way a password change procedure will.
      await withTenant(app, bistro.accountId, (tx) =>
        tx.user.update({
          where: { accountId_id: { accountId: bistro.accountId, id: bistro.userId } },
          data: { passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$bmV3$bmV3" },
        }),
      );
      for (const ended of [first, second]) {
        expect((await trpcError(holding(ended, resellerHost).account.current())).code).toBe("UNAUTHORIZED");
      }
      expect((await holding(cityClinic, resellerHost).account.current()).account.slug).toBe("city-clinic");
    } finally {
      await owner.user.update({
        where: { accountId_id: { accountId: bistro.accountId, id: bistro.userId } },
        data: { passwordHash: before.passwordHash },
      });
    }
  });

  it("leaves sessions alone when the user is saved with the same password", async () => {
    const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const session = await signedInSession(app, bistro, resellerHost);
    await withTenant(app, bistro.accountId, async (tx) => {
      const user = await tx.user.findUniqueOrThrow({
        where: { accountId_id: { accountId: bistro.accountId, id: bistro.userId } },
      });
      await tx.user.update({
        where: { accountId_id: { accountId: bistro.accountId, id: bistro.userId } },
        data: { passwordHash: user.passwordHash, name: user.name },
      });
    });
    expect((await holding(session, resellerHost).account.current()).account.slug).toBe("bistro");
  });
});

describe("removing a user", () => {
  it("removes their sessions with them", async () => {
    const member = await createMemberUser(owner, ids.voicereseller.accountId, "sessions");
    const session = await signedInSession(app, { accountId: member.accountId, userId: member.id }, PLATFORM);
    expect((await holding(session, PLATFORM).account.current()).user?.id).toBe(member.id);
    await deleteMemberUser(owner, member);
    expect(await owner.userSession.count({ where: { accountId: member.accountId, userId: member.id } })).toBe(0);
    expect((await trpcError(holding(session, PLATFORM).account.current())).code).toBe("UNAUTHORIZED");
  });
});

describe("endSessionsOfUser (deactivation, removal, sign-out everywhere)", () => {
  it("ends every session of a user of the tenant or of an account below it", async () => {
    const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const sessions = [
      await signedInSession(app, bistro, resellerHost),
      await signedInSession(app, bistro, resellerHost),
    ];
    const ended = await withTenant(app, ids.voicereseller.accountId, (tx) => endSessionsOfUser(tx, bistro));
    expect(ended).toBeGreaterThanOrEqual(2);
    for (const session of sessions) {
      expect((await trpcError(holding(session, resellerHost).account.current())).code).toBe("UNAUTHORIZED");
    }
    const own = await signedInSession(app, bistro, resellerHost);
    expect(await withTenant(app, bistro.accountId, (tx) => endSessionsOfUser(tx, bistro))).toBe(1);
    expect(await principalOf(own)).toBeNull();
  });

  it("refuses a user of another tenant, of an account above, or without a tenant", async () => {
    const bistro = { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId };
    const session = await signedInSession(app, bistro, resellerHost);
    await expect(withTenant(app, ids.acme.accountId, (tx) => endSessionsOfUser(tx, bistro))).rejects.toThrow(
      /only for users of the tenant/,
    );
    const resellerUser = { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId };
    await expect(withTenant(app, ids.bistro.accountId, (tx) => endSessionsOfUser(tx, resellerUser))).rejects.toThrow(
      /only for users of the tenant/,
    );
    await expect(app.$transaction((tx) => endSessionsOfUser(tx, bistro))).rejects.toThrow(
      /only for users of the tenant/,
    );
    expect((await holding(session, resellerHost).account.current()).account.slug).toBe("bistro");
  });

  it("is written only through the functions: the request role reads its own tenant's rows and changes none", async () => {
    const session = await signedInSession(
      app,
      { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
      { kind: "platform", hostname: "localhost" },
    );
    expect(await app.userSession.count()).toBe(0);
    expect(
      await withTenant(app, ids.acme.accountId, (tx) => tx.userSession.count({ where: { id: session.sessionId } })),
    ).toBe(0);
    await withTenant(app, ids.voicereseller.accountId, async (tx) => {
      expect(await tx.userSession.count({ where: { id: session.sessionId } })).toBe(1);
    });
    await expect(
      withTenant(app, ids.voicereseller.accountId, (tx) =>
        tx.userSession.deleteMany({ where: { accountId: ids.voicereseller.accountId } }),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(app, ids.voicereseller.accountId, (tx) =>
        tx.userSession.updateMany({
          where: { id: session.sessionId },
          data: { expiresAt: new Date(Date.now() + 1e9) },
        }),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});

describe("suspending a reseller", () => {
  it("suspends its whole subtree in effect: sessions end, sign-in is refused, the reseller sees why", async () => {
    const signedIn = await signInCustomer();
    expect(signedIn).toMatchObject({ ok: true, user: { accountId: customer.id } });
    const customerSession = await signedInSession(
      app,
      { accountId: customer.id, userId: customer.ownerId },
      resellerHost,
    );
    expect((await holding(customerSession, resellerHost).account.current()).account.id).toBe(customer.id);
    const subSession = await signedInSession(app, { accountId: sub.id, userId: sub.ownerId }, resellerHost);

    await reseller().accounts.setStatus({ accountId: sub.id, status: "suspended" });
    try {
      for (const ended of [customerSession, subSession]) {
        expect((await trpcError(holding(ended, resellerHost).account.current())).code).toBe("UNAUTHORIZED");
      }
      expect(await signInCustomer()).toMatchObject({ ok: false, code: "ACCOUNT_INACTIVE" });
      // Even a session row made after the suspension (no trigger to end it) does not hold.
      const late = await signedInSession(app, { accountId: customer.id, userId: customer.ownerId }, resellerHost);
      expect(await principalOf(late)).toBeNull();

      const children = await reseller().accounts.listChildren({ parentId: sub.id });
      expect(children.items).toEqual([
        expect.objectContaining({
          id: customer.id,
          status: "active",
          effectiveStatus: { status: "suspended", by: { id: sub.id, name: "Sessions sessions-sub" } },
        }),
      ]);
      const found = await reseller().accounts.listChildren({ search: "sessions-" });
      expect(found.items.map((item) => [item.slug, item.effectiveStatus])).toEqual([
        ["sessions-customer", { status: "suspended", by: { id: sub.id, name: "Sessions sessions-sub" } }],
        ["sessions-sub", { status: "suspended", by: null }],
      ]);
      expect((await reseller().accounts.get({ accountId: customer.id })).effectiveStatus).toEqual({
        status: "suspended",
        by: { id: sub.id, name: "Sessions sessions-sub" },
      });
    } finally {
      await reseller().accounts.setStatus({ accountId: sub.id, status: "active" });
    }
    // Reactivated: the ended sessions stay ended, and signing in works again.
    expect((await trpcError(holding(customerSession, resellerHost).account.current())).code).toBe("UNAUTHORIZED");
    expect(await signInCustomer()).toMatchObject({ ok: true });
    expect((await reseller().accounts.get({ accountId: customer.id })).effectiveStatus).toEqual({
      status: "active",
      by: null,
    });
  });

  it("names no account above the one asking", async () => {
    // Sub-reseller's own view of its customer while VoiceReseller (above it) is fine: nothing above.
    const subCaller = callerAs(app, { accountId: sub.id, userId: sub.ownerId }, { host: resellerHost });
    const children = await subCaller.accounts.listChildren({});
    expect(children.items.map((item) => item.effectiveStatus)).toEqual([{ status: "active", by: null }]);
  });
});

describe("where a reseller's customers sign in", () => {
  it("never on the platform's host; platform-direct accounts still do", async () => {
    const onPlatform = await signIn(
      app,
      PLATFORM,
      { email: ids.bistro.ownerEmail, password: inject("demoPassword"), tenant: "bistro" },
      TEST_IP,
      freshThrottles(),
    );
    expect(onPlatform).toMatchObject({ ok: false });
    expect(await signInCustomer(PLATFORM)).toMatchObject({ ok: false });
    const acme = await signIn(
      app,
      PLATFORM,
      { email: ids.acme.ownerEmail, password: inject("demoPassword"), tenant: "acme" },
      TEST_IP,
      freshThrottles(),
    );
    expect(acme).toMatchObject({ ok: true, user: { accountId: ids.acme.accountId } });
  });

  it("on the sub-reseller's own host and on its reseller's", async () => {
    await owner.hostMapping.create({
      data: { hostname: SUB_HOST, accountId: sub.id, kind: "brand", isPrimary: true, verified: true },
    });
    expect(await signInCustomer(await brandHostNamed(app, SUB_HOST))).toMatchObject({ ok: true });
    expect(await signInCustomer(resellerHost)).toMatchObject({ ok: true });
    const bistroOnSubHost = await signIn(
      app,
      await brandHostNamed(app, SUB_HOST),
      { email: ids.bistro.ownerEmail, password: inject("demoPassword"), tenant: "bistro" },
      TEST_IP,
      freshThrottles(),
    );
    expect(bistroOnSubHost).toMatchObject({ ok: false });
  });
});

describe("a sub-reseller's brand host, to a visitor", () => {
  it("shows inherited values as its own and names no account above it", async () => {
    await owner.hostMapping.upsert({
      where: { hostname_accountId: { hostname: SUB_HOST, accountId: sub.id } },
      create: { hostname: SUB_HOST, accountId: sub.id, kind: "brand", isPrimary: false, verified: true },
      update: { isPrimary: false },
    });
    const sha = "ab".repeat(32);
    await owner.accountLogo.create({
      data: {
        accountId: ids.voicereseller.accountId,
        id: sha,
        contentType: "image/png",
        bytes: Buffer.from("not really a png"),
        width: 1,
        height: 1,
      },
    });
    const resellerLogo = `/brand-assets/${ids.voicereseller.accountId}/${sha}.png`;
    await owner.account.update({ where: { id: ids.voicereseller.accountId }, data: { logoUrl: resellerLogo } });
    try {
      const host = await brandHostNamed(app, SUB_HOST);
      const visitor = visitorCaller(app, host);
      const branding = await visitor.branding.forHost();
      // The support address is a value the host shows on purpose (it inherits it): leave it out.
      const { supportEmail, ...others } = branding.effective;
      expect(supportEmail.value).toBe("support@voicereseller.localhost");
      const text = JSON.stringify({ ...branding, effective: others });
      // Inherited values are shown...
      expect(branding.effective.brandName.value).toBe("VoiceReseller");
      expect(branding.effective.primaryColor.value).toBe("#7c3aed");
      // ...but what is above the host is never named: not its id, slug, name or domain.
      for (const secret of [
        ids.voicereseller.accountId,
        '"voicereseller"',
        "VoiceReseller Inc.",
        "voicereseller.localhost",
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toContain('"platform"');
      for (const value of Object.values(branding.effective)) {
        expect(value.source).toMatchObject({ kind: "account", accountId: sub.id, depth: 0 });
      }
      expect(branding.effective.brandDomain.value).toBe(SUB_HOST);
      // The inherited logo is served under the host's own account.
      expect(branding.effective.logoUrl.value).toBe(`/brand-assets/${sub.id}/${sha}.png`);
      const served = await logoResponse(app, sub.id, `${sha}.png`, null);
      expect(served.status).toBe(200);
      // ...and only below the account that uploaded it, not beside or above.
      expect((await logoResponse(app, ids.acme.accountId, `${sha}.png`, null)).status).toBe(404);

      // Control: the reseller's own host still names itself.
      const own = await visitorCaller(app, resellerHost).branding.forHost();
      expect(own.effective.logoUrl.value).toBe(resellerLogo);
    } finally {
      await owner.account.update({ where: { id: ids.voicereseller.accountId }, data: { logoUrl: null } });
      await owner.accountLogo.delete({ where: { accountId_id: { accountId: ids.voicereseller.accountId, id: sha } } });
    }
  });
});
