/**
 * People: the users.* procedures and the rules behind them, against the real database. Every user
 * this file makes has an address at @users.test, removed after each test, so Bistro (Starter, 5
 * users) keeps its seats for the files that follow.
 */

import { createTransport } from "nodemailer";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import * as password from "@/server/auth/password";
import { hashPassword } from "@/server/auth/password";
import { signIn } from "@/server/auth/sign-in";
import { withTenant } from "@/server/db/tenant";
import { setMailer, transportMailer } from "@/server/mail/mailer";
import { isLastOwnerRefusal } from "@/server/people/last-owner";
import { brandHostNamed, callerAs, trpcError, visitorCaller } from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";
import { SmtpInbox } from "@/tests/helpers/smtp-inbox";

vi.mock("@/server/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/auth/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const DOMAIN = "@users.test";
const PASSWORD = "users-test-password-1";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let passwordHash: string;
let inbox: SmtpInbox;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase({ appPoolSize: 8 }));
  passwordHash = await hashPassword(PASSWORD);
  inbox = await SmtpInbox.start();
  setMailer(transportMailer(createTransport(inbox.url)));
});

async function removeTestUsers() {
  const made = await owner.user.findMany({ where: { email: { endsWith: DOMAIN } }, select: { id: true } });
  const madeIds = made.map((user) => user.id);
  await owner.auditEntry.deleteMany({ where: { actorUserId: { in: madeIds } } });
  // The entries about them (invited, changed, mailed), and their copies in the ancestors' logs.
  await owner.$executeRaw`DELETE FROM audit_entries WHERE action LIKE 'user.%' AND details::text LIKE ${`%${DOMAIN}%`}`;
  await owner.oneTimeLink.deleteMany({ where: { userId: { in: madeIds } } });
  await owner.user.deleteMany({ where: { id: { in: madeIds } } });
  // The demo owners stay active owners whatever a test did to them.
  await owner.user.updateMany({
    where: { email: { endsWith: ".test" }, id: { in: Object.values(ids).map((each) => each.ownerUserId) } },
    data: { role: "owner", status: "active" },
  });
}

beforeEach(removeTestUsers);
afterEach(removeTestUsers);

afterAll(async () => {
  setMailer(undefined);
  await inbox.close();
  await owner.$executeRaw`DELETE FROM limits.counters`;
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

/** A user of `accountId` made past the procedures; active ones can sign in with PASSWORD. */
function makeUser(
  accountId: string,
  label: string,
  role: "owner" | "admin" | "manager" | "member",
  status: "invited" | "active" | "deactivated" = "active",
) {
  return owner.user.create({
    data: {
      accountId,
      email: `${label}${DOMAIN}`,
      name: `User ${label}`,
      role,
      status,
      passwordHash: status === "invited" ? null : passwordHash,
    },
  });
}

const bistroOwner = () => callerAs(app, { accountId: ids.bistro.accountId, userId: ids.bistro.ownerUserId });
const as = (user: { accountId: string; id: string; role: "owner" | "admin" | "manager" | "member" }) =>
  callerAs(app, { accountId: user.accountId, userId: user.id, role: user.role });
const seatsTaken = (accountId: string) => owner.user.count({ where: { accountId, status: { not: "deactivated" } } });

describe("users.invite and users.list", () => {
  it("invites a person (invited, no password) and finds them by name, e-mail and status, a page at a time", async () => {
    const caller = bistroOwner();
    const invited = await caller.users.invite({ email: " Ada@Users.test ", name: "Ada Lovelace", role: "manager" });
    expect(invited).toMatchObject({
      email: "ada@users.test",
      name: "Ada Lovelace",
      role: "manager",
      status: "invited",
    });
    const row = await owner.user.findFirstOrThrow({ where: { id: invited.id } });
    expect(row.passwordHash).toBeNull();
    expect(
      await owner.auditEntry.count({ where: { accountId: ids.bistro.accountId, action: "user.invite" } }),
    ).toBeGreaterThan(0);

    await caller.users.invite({ email: "bob@users.test", name: "Bob", role: "member" });
    expect((await caller.users.list({ search: "lovelace" })).items.map((user) => user.email)).toEqual([
      "ada@users.test",
    ]);
    expect((await caller.users.list({ search: "BOB@USERS" })).items.map((user) => user.email)).toEqual([
      "bob@users.test",
    ]);
    const invitedOnly = await caller.users.list({ status: "invited" });
    expect(invitedOnly.items.every((user) => user.status === "invited")).toBe(true);
    expect(invitedOnly.items).toHaveLength(2);

    const first = await caller.users.list({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const rest = await caller.users.list({ limit: 10, cursor: first.nextCursor ?? undefined });
    const all = [...first.items, ...rest.items].map((user) => user.email);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(3);
    expect(rest.nextCursor).toBeNull();
  });

  it("refuses a duplicate e-mail address with email_taken, writing nothing", async () => {
    const caller = bistroOwner();
    await caller.users.invite({ email: "dup@users.test", name: "First", role: "member" });
    const before = await owner.user.count({ where: { accountId: ids.bistro.accountId } });
    const error = await trpcError(caller.users.invite({ email: "DUP@users.test", name: "Second", role: "member" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.cause).toMatchObject({ problems: [{ reason: "email_taken", field: "email" }] });
    expect(await owner.user.count({ where: { accountId: ids.bistro.accountId } })).toBe(before);
  });

  it("lets concurrent invitations on Starter together fill five seats and refuses the rest, naming limit and plan", async () => {
    const bistro = ids.bistro.accountId;
    const free = 5 - (await seatsTaken(bistro));
    const attempts = free + 3;
    const caller = bistroOwner();
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) =>
        caller.users.invite({ email: `seat-${index}${DOMAIN}`, name: `Seat ${index}`, role: "member" }),
      ),
    );
    const refused = results.filter((result) => result.status === "rejected");
    expect(results.length - refused.length).toBe(free);
    for (const result of refused) {
      const error = (result as PromiseRejectedResult).reason;
      expect(error.code).toBe("FORBIDDEN");
      expect(error.cause.problems).toEqual([
        {
          reason: "plan_limit",
          field: "email",
          message: "The Starter plan allows 5 users; upgrade the plan for more.",
        },
      ]);
    }
    expect(await seatsTaken(bistro)).toBe(5);
    // Nothing of a refused invitation was written: no user, no audit entry.
    const invitedEmails = (await owner.user.findMany({ where: { accountId: bistro, email: { startsWith: "seat-" } } }))
      .length;
    expect(invitedEmails).toBe(free);
  });

  it("refuses to reactivate over the limit, and reactivates once a seat is free", async () => {
    const bistro = ids.bistro.accountId;
    const caller = bistroOwner();
    const leaver = await makeUser(bistro, "leaver", "member", "deactivated");
    const free = 5 - (await seatsTaken(bistro));
    const fillers = [];
    for (let index = 0; index < free; index += 1) {
      fillers.push(
        await caller.users.invite({ email: `fill-${index}${DOMAIN}`, name: `Fill ${index}`, role: "member" }),
      );
    }
    const error = await trpcError(caller.users.reactivate({ userId: leaver.id }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.cause).toMatchObject({ problems: [{ reason: "plan_limit", field: "userId" }] });
    expect(error.message).toBe("The Starter plan allows 5 users; upgrade the plan for more.");
    expect((await owner.user.findFirstOrThrow({ where: { id: leaver.id } })).status).toBe("deactivated");

    const [filler] = fillers;
    if (!filler) throw new Error("Bistro had no free seat to fill");
    await caller.users.deactivate({ userId: filler.id });
    // The leaver had set a password: active again, not invited.
    expect(await caller.users.reactivate({ userId: leaver.id })).toMatchObject({ status: "active" });
    // An invited person who was deactivated comes back invited.
    await caller.users.deactivate({ userId: leaver.id });
    expect(await caller.users.reactivate({ userId: filler.id })).toMatchObject({ status: "invited" });
  });
});

/** A caller with no session on `hostname`, as a browser that follows a mailed link. */
async function anonymousOn(hostname: string, origin: string) {
  return visitorCaller(app, await brandHostNamed(app, hostname), { origin });
}

describe("the invitation, end to end", () => {
  it("mails the invitee a link on the brand host; they set a password and sign in; it works once", async () => {
    const caller = bistroOwner();
    const email = `invitee${DOMAIN}`;
    const invited = await caller.users.invite({ email, name: "Invitee", role: "member" });
    const mail = await inbox.waitForMessageTo(email);
    const link = mail.links.find((each) => each.includes("/invitation?token="));
    if (!link) throw new Error(`no invitation link in ${mail.text}`);
    const url = new URL(link);
    expect(url.hostname).toBe("voicereseller.localhost");
    const token = url.searchParams.get("token") ?? "";
    const browser = await anonymousOn(url.hostname, url.origin);
    await browser.invitation.accept({ token, name: "Invitee Accepted", password: PASSWORD });
    expect(await owner.user.findFirstOrThrow({ where: { id: invited.id } })).toMatchObject({
      status: "active",
      name: "Invitee Accepted",
    });
    const host = await brandHostNamed(app, "voicereseller.localhost");
    expect(await signIn(app, host, { tenant: "bistro", email, password: PASSWORD }, null)).toMatchObject({ ok: true });
    expect(await trpcError(browser.invitation.accept({ token, name: "Again", password: PASSWORD }))).toMatchObject({
      code: expect.stringMatching(/NOT_FOUND|BAD_REQUEST|CONFLICT|FORBIDDEN/),
    });
  });

  it("sends an invitation again on request, and only to someone invited", async () => {
    const caller = bistroOwner();
    const email = `resend${DOMAIN}`;
    const invited = await caller.users.invite({ email, name: "Resend", role: "member" });
    await inbox.waitForMessageTo(email);
    await caller.users.resendInvitation({ userId: invited.id });
    const again = await inbox.waitForMessageTo(email);
    expect(again.links.some((each) => each.includes("/invitation?token="))).toBe(true);
    const error = await trpcError(caller.users.resendInvitation({ userId: ids.bistro.ownerUserId }));
    expect(error.cause).toMatchObject({ problems: [{ reason: "not_invited", field: "userId" }] });
  });
});

describe("roles", () => {
  it("lets an admin manage admins, managers and members, never an owner, and nobody their own role", async () => {
    const bistro = ids.bistro.accountId;
    const admin = await makeUser(bistro, "admin", "admin");
    const caller = as(admin);
    const ownerId = ids.bistro.ownerUserId;
    const refusals = [
      () => caller.users.update({ userId: ownerId, role: "admin" }),
      () => caller.users.update({ userId: ownerId, name: "Renamed by an admin" }),
      () => caller.users.deactivate({ userId: ownerId }),
      () => caller.users.invite({ email: `second-owner${DOMAIN}`, name: "Second owner", role: "owner" }),
      () => caller.users.update({ userId: admin.id, role: "member" }),
      () => caller.users.deactivate({ userId: admin.id }),
    ];
    const reasons = [];
    for (const refusal of refusals) {
      const error = await trpcError(refusal());
      expect(error.code).toBe("FORBIDDEN");
      reasons.push((error.cause as unknown as { problems: { reason: string }[] }).problems[0]?.reason);
    }
    expect(reasons).toEqual([
      "owner_role_reserved",
      "owner_role_reserved",
      "owner_role_reserved",
      "owner_role_reserved",
      "own_role",
      "own_status",
    ]);
    const row = await owner.user.findFirstOrThrow({ where: { id: ownerId } });
    expect(row).toMatchObject({ role: "owner", status: "active" });

    const manager = await caller.users.invite({ email: `manager${DOMAIN}`, name: "Manager", role: "manager" });
    expect(await caller.users.update({ userId: manager.id, role: "admin", name: "Now admin" })).toMatchObject({
      role: "admin",
      name: "Now admin",
    });
    // An owner may make an admin an owner; an admin may not.
    expect(await trpcError(caller.users.update({ userId: manager.id, role: "owner" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await bistroOwner().users.update({ userId: manager.id, role: "owner" })).toMatchObject({ role: "owner" });
  });

  it("refuses people without users:write, and a member sees the list", async () => {
    const member = await makeUser(ids.bistro.accountId, "member", "member");
    const caller = as(member);
    expect((await caller.users.list({})).items.length).toBeGreaterThan(0);
    expect(await trpcError(caller.users.invite({ email: `x${DOMAIN}`, name: "X", role: "member" }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("the last active owner", () => {
  it("cannot be demoted or deactivated, even by a reseller working in the account", async () => {
    const reseller = callerAs(
      app,
      { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId },
      { openAs: ids.bistro.accountId },
    );
    const ownerId = ids.bistro.ownerUserId;
    for (const call of [
      () => reseller.users.update({ userId: ownerId, role: "admin" }),
      () => reseller.users.deactivate({ userId: ownerId }),
    ]) {
      const error = await trpcError(call());
      expect(error.code).toBe("CONFLICT");
      expect(error.cause).toMatchObject({ problems: [{ reason: "last_owner" }] });
      expect(error.message).toBe("An account needs at least one active owner: make someone else an owner first.");
    }
    expect(await owner.user.findFirstOrThrow({ where: { id: ownerId } })).toMatchObject({
      role: "owner",
      status: "active",
    });
  });

  it("survives two owners demoting each other at once: exactly one demotion holds", async () => {
    const bistro = ids.bistro.accountId;
    const second = await makeUser(bistro, "second-owner", "owner");
    const first = { accountId: bistro, id: ids.bistro.ownerUserId, role: "owner" as const };
    const results = await Promise.allSettled([
      as(first).users.update({ userId: second.id, role: "admin" }),
      as(second).users.update({ userId: first.id, role: "member" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refusal = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    // Which refusal depends on the order. Both begun before either committed: under the account's
    // lock the second finds no other owner left (CONFLICT, last_owner). The second begun after the
    // first committed: its session is checked as its transaction begins, its person is an admin by
    // then, and an admin may not change an owner (FORBIDDEN, owner_role_reserved).
    const expected = { CONFLICT: "last_owner", FORBIDDEN: "owner_role_reserved" } as const;
    const code = refusal.reason.code as keyof typeof expected;
    expect(Object.keys(expected)).toContain(code);
    expect(refusal.reason.cause).toMatchObject({ problems: [{ reason: expected[code] }] });
    expect(await owner.user.count({ where: { accountId: bistro, role: "owner", status: "active" } })).toBe(1);
  });

  it("holds under the account's lock: a demotion waiting for another's commit counts what it committed", async () => {
    const bistro = ids.bistro.accountId;
    const second = await makeUser(bistro, "locked-owner", "owner");
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstDone: () => void = () => undefined;
    const firstUpdated = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    // The first demotion writes and keeps its transaction open until the second one waits for it.
    const demoteSecond = withTenant(app, bistro, async (tx) => {
      await tx.user.update({ where: { accountId_id: { accountId: bistro, id: second.id } }, data: { role: "admin" } });
      firstDone();
      await held;
    });
    await firstUpdated;
    const demoteFirst = withTenant(app, bistro, (tx) =>
      tx.user.update({
        where: { accountId_id: { accountId: bistro, id: ids.bistro.ownerUserId } },
        data: { status: "deactivated" },
      }),
    );
    const demoteFirstOutcome = demoteFirst.then(
      () => null,
      (error: unknown) => error,
    );
    await vi.waitFor(async () => {
      const waiting = await owner.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
      expect(Number(waiting[0]?.n)).toBeGreaterThan(0);
    });
    release();
    await demoteSecond;
    expect(isLastOwnerRefusal(await demoteFirstOutcome)).toBe(true);
    expect(await owner.user.findFirstOrThrow({ where: { id: ids.bistro.ownerUserId } })).toMatchObject({
      status: "active",
    });
  });
});

describe("deactivation", () => {
  it("ends the user's sessions at once: their next request is UNAUTHORIZED", async () => {
    const member = await makeUser(ids.bistro.accountId, "leaving", "member");
    const caller = as(member);
    await caller.users.list({});
    expect(await owner.userSession.count({ where: { userId: member.id } })).toBe(1);
    expect(await bistroOwner().users.deactivate({ userId: member.id })).toMatchObject({ status: "deactivated" });
    expect(await owner.userSession.count({ where: { userId: member.id } })).toBe(0);
    expect(await trpcError(caller.users.list({}))).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("app_session refuses a session of a user who is not active, even one left behind", async () => {
    const member = await makeUser(ids.bistro.accountId, "left-behind", "member");
    const caller = as(member);
    await caller.users.list({});
    // Past the trigger: the status changes with the session row still there.
    await owner.$transaction(async (tx) => {
      await tx.$executeRaw`ALTER TABLE users DISABLE TRIGGER users_end_sessions_on_deactivation`;
      await tx.user.update({
        where: { accountId_id: { accountId: member.accountId, id: member.id } },
        data: { status: "deactivated" },
      });
      await tx.$executeRaw`ALTER TABLE users ENABLE TRIGGER users_end_sessions_on_deactivation`;
    });
    expect(await owner.userSession.count({ where: { userId: member.id } })).toBe(1);
    expect(await trpcError(caller.users.list({}))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("sign-in of people who are not active", () => {
  it("refuses invited and deactivated users like a wrong password, with one argon2 verification each", async () => {
    const bistro = ids.bistro.accountId;
    await makeUser(bistro, "invited-signin", "member", "invited");
    await makeUser(bistro, "gone-signin", "member", "deactivated");
    const host = await brandHostNamed(app, "voicereseller.localhost");
    const verify = vi.mocked(password.verifyPassword);
    const wrong = await signIn(
      app,
      host,
      { tenant: "bistro", email: ids.bistro.ownerEmail, password: "wrong-password" },
      null,
    );
    for (const email of [`invited-signin${DOMAIN}`, `gone-signin${DOMAIN}`]) {
      verify.mockClear();
      const result = await signIn(app, host, { tenant: "bistro", email, password: PASSWORD }, null);
      expect(result).toEqual(wrong);
      expect(verify).toHaveBeenCalledTimes(1);
    }
    // The same user, active, signs in with the same password.
    await owner.user.updateMany({ where: { email: `gone-signin${DOMAIN}` }, data: { status: "active" } });
    expect(
      await signIn(app, host, { tenant: "bistro", email: `gone-signin${DOMAIN}`, password: PASSWORD }, null),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe("a new account's first owner", () => {
  const slug = "users-test-child";
  afterEach(async () => {
    const child = await owner.account.findUnique({ where: { slug } });
    if (!child) return;
    await owner.auditEntry.deleteMany({ where: { OR: [{ accountId: child.id }, { targetAccountId: child.id }] } });
    await owner.oneTimeLink.deleteMany({ where: { accountId: child.id } });
    await owner.user.deleteMany({ where: { accountId: child.id } });
    await owner.account.delete({ where: { id: child.id } });
  });

  it("is invited with the account, in one transaction, as the account's owner", async () => {
    const reseller = callerAs(app, { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId });
    const created = await reseller.accounts.create({
      name: "Users Test Child",
      slug,
      planId: "starter",
      isReseller: false,
      limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
      owner: { name: "Grace Hopper", email: "Grace@Child.test" },
    });
    const users = await owner.user.findMany({ where: { accountId: created.id } });
    expect(users).toMatchObject([
      { email: "grace@child.test", name: "Grace Hopper", role: "owner", status: "invited" },
    ]);
    expect(users[0]?.passwordHash).toBeNull();
    const mail = await inbox.waitForMessageTo("grace@child.test");
    expect(mail.links.some((each) => each.startsWith("http://voicereseller.localhost/invitation?token="))).toBe(true);
  });

  it("is all or nothing: when the invitation cannot be mailed, neither the account nor its owner exists", async () => {
    const reseller = callerAs(app, { accountId: ids.voicereseller.accountId, userId: ids.voicereseller.ownerUserId });
    setMailer({
      send: () => Promise.reject(new Error("the SMTP server is down")),
    });
    try {
      const error = await trpcError(
        reseller.accounts.create({
          name: "Users Test Child",
          slug,
          planId: "starter",
          isReseller: false,
          limits: { maxIn: 1, maxOut: 1, maxDialer: 0 },
          owner: { name: "Nobody", email: "nobody@child.test" },
        }),
      );
      expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      // The same for an invitation inside an account.
      const failed = await trpcError(
        bistroOwner().users.invite({ email: `unmailed${DOMAIN}`, name: "Unmailed", role: "member" }),
      );
      expect(failed.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      setMailer(transportMailer(createTransport(inbox.url)));
    }
    expect(await owner.account.count({ where: { slug } })).toBe(0);
    expect(await owner.user.count({ where: { email: { in: ["nobody@child.test", `unmailed${DOMAIN}`] } } })).toBe(0);
  });

  it("is written only into an account below the tenant that has no users yet", async () => {
    const attempt = (tenant: string, accountId: string) =>
      withTenant(
        app,
        tenant,
        (tx) => tx.$queryRaw`SELECT app_invite_first_owner(${accountId}::uuid, ${`intruder${DOMAIN}`}, 'Intruder')`,
      );
    // Bistro has users; Acme is outside the reseller's tree; an account is not below itself; a
    // child cannot write into its parent.
    for (const [tenant, target] of [
      [ids.voicereseller.accountId, ids.bistro.accountId],
      [ids.voicereseller.accountId, ids.acme.accountId],
      [ids.voicereseller.accountId, ids.voicereseller.accountId],
      [ids.bistro.accountId, ids.voicereseller.accountId],
    ] as const) {
      await expect(attempt(tenant, target)).rejects.toThrow();
    }
    expect(await owner.user.count({ where: { email: `intruder${DOMAIN}` } })).toBe(0);
  });
});
