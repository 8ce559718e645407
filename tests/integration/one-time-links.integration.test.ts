/**
 * Invitation acceptance, "forgot password?" and the profile, through the tRPC procedures and a
 * real SMTP server: the mailed link is followed; a link works once; an expired, used or replaced
 * link is refused with its reason and writes nothing; another brand's host does not reveal a
 * link's account; a reset ends every session of the user; an unknown e-mail gets the same answer
 * and no mail; changing one's own password keeps this browser signed in and ends the others.
 */
import { createTransport } from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { OpenAsCookie } from "@/server/auth/open-as";
import { hashPassword } from "@/server/auth/password";
import { type PortalSession, readSession, SESSION_COOKIE } from "@/server/auth/session";
import { signIn } from "@/server/auth/sign-in";
import { withTenant } from "@/server/db/tenant";
import { setMailer, transportMailer } from "@/server/mail/mailer";
import { sendInvitation } from "@/server/people/invitations";
import { RESET_REQUESTED } from "@/server/people/password-reset";
import type { HostBrand, HostResolution } from "@/server/tenancy/host-resolver";
import {
  brandHostNamed,
  callerAs,
  resolveTestRequest,
  signedInSession,
  trpcError,
  visitorCaller,
} from "@/tests/helpers/callers";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";
import { type ReceivedMail, SmtpInbox } from "@/tests/helpers/smtp-inbox";

// server/env.ts reads the environment once, at import: the secret that signs session tokens
// must be there before any server module loads.
vi.hoisted(() => {
  vi.stubEnv("NEXTAUTH_SECRET", "one-time-links-test-secret-long-enough-0123456789");
});

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let inbox: SmtpInbox;
let resellerHost: HostBrand;

/** The principal the request resolver finds for `session` on the reseller's host; null when it does not hold. */
async function principalOf(session: PortalSession) {
  return (await resolveTestRequest(app, { host: resellerHost, session })).principal;
}
let acmeHost: HostBrand;
let made: { accountId: string; id: string }[] = [];

const ORIGIN = "http://voicereseller.localhost:3000";
const NEW_PASSWORD = "correct horse battery";
let ipCounter = 0;
/** A fresh client address per test, so the password-reset throttle counts each test alone. */
function nextIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

/** A visitor's caller (no session) on `host`. */
function visitor(host: HostResolution, ip = nextIp()) {
  return visitorCaller(app, host, { ip, origin: ORIGIN });
}

const tokenOf = (mail: ReceivedMail) => new URL(mail.links[0] ?? "").searchParams.get("token") ?? "";

async function bistroUser(label: string, status: "invited" | "active") {
  const user = await owner.user.create({
    data: {
      accountId: ids.bistro.accountId,
      email: `${label}@links.test`,
      name: `Person ${label}`,
      role: "member",
      status,
      passwordHash: status === "active" ? await hashPassword("old password here") : null,
    },
  });
  made.push(user);
  return user;
}

async function invite(user: { id: string; email: string }) {
  const actor = {
    accountId: ids.bistro.accountId,
    userId: ids.bistro.ownerUserId,
    userAccountId: ids.bistro.accountId,
    ip: null,
  };
  await withTenant(app, ids.bistro.accountId, (tx) =>
    sendInvitation(tx, actor, { accountId: ids.bistro.accountId, userId: user.id, origin: ORIGIN }),
  );
  return inbox.waitForMessageTo(user.email);
}

const userRow = (user: { id: string }) =>
  owner.user.findUniqueOrThrow({ where: { accountId_id: { accountId: ids.bistro.accountId, id: user.id } } });
const auditCount = (userId: string, action: string) =>
  owner.auditEntry.count({
    where: { action, accountId: ids.bistro.accountId, details: { path: ["userId"], equals: userId } },
  });

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  inbox = await SmtpInbox.start();
  setMailer(transportMailer(createTransport(inbox.url)));
  resellerHost = await brandHostNamed(app, "voicereseller.localhost");
  acmeHost = await brandHostNamed(app, "acme.localhost");
});

// Bistro is on Starter (5 users): each test gives its seats back.
afterEach(async () => {
  for (const user of made) {
    await owner.auditEntry.deleteMany({ where: { details: { path: ["userId"], equals: user.id } } });
    await owner.auditEntry.deleteMany({ where: { actorUserId: user.id } });
    await owner.user.deleteMany({ where: { accountId: user.accountId, id: user.id } });
  }
  made = [];
});

afterAll(async () => {
  setMailer(undefined);
  await inbox.close();
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("accepting an invitation", () => {
  it("shows the account and e-mail, then sets name and password, activates the user and lets them sign in", async () => {
    const user = await bistroUser("accept", "invited");
    const mail = await invite(user);
    const token = tokenOf(mail);
    const page = visitor(resellerHost);
    expect(await page.invitation.read({ token })).toEqual({
      accountName: "Bistro Group",
      tenant: "bistro",
      email: user.email,
      name: user.name,
    });
    expect(await page.invitation.accept({ token, name: "Ada Lovelace", password: NEW_PASSWORD })).toEqual({
      tenant: "bistro",
      email: user.email,
    });
    const row = await userRow(user);
    expect(row).toMatchObject({ status: "active", name: "Ada Lovelace" });
    expect(await auditCount(user.id, "user.invitation_accepted")).toBe(1);
    const signedIn = await signIn(
      app,
      resellerHost,
      { tenant: "bistro", email: user.email, password: NEW_PASSWORD },
      nextIp(),
    );
    expect(signedIn.ok).toBe(true);
  });

  it("refuses the link a second time, and writes nothing", async () => {
    const user = await bistroUser("reuse", "invited");
    const token = tokenOf(await invite(user));
    await visitor(resellerHost).invitation.accept({ token, name: "First", password: NEW_PASSWORD });
    const before = await userRow(user);
    const error = await trpcError(
      visitor(resellerHost).invitation.accept({ token, name: "Second", password: "another long password" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("already been used");
    expect(await userRow(user)).toEqual(before);
    expect(await auditCount(user.id, "user.invitation_accepted")).toBe(1);
  });

  it("lets only one of two concurrent acceptances through", async () => {
    const user = await bistroUser("race", "invited");
    const token = tokenOf(await invite(user));
    const results = await Promise.allSettled([
      visitor(resellerHost).invitation.accept({ token, name: "One", password: NEW_PASSWORD }),
      visitor(resellerHost).invitation.accept({ token, name: "Two", password: NEW_PASSWORD }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await auditCount(user.id, "user.invitation_accepted")).toBe(1);
  });

  it("refuses an expired link with its reason and writes nothing", async () => {
    const user = await bistroUser("expired", "invited");
    const token = tokenOf(await invite(user));
    await owner.$executeRaw`
      UPDATE one_time_links SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
       WHERE account_id = ${ids.bistro.accountId}::uuid AND user_id = ${user.id}::uuid`;
    const error = await trpcError(
      visitor(resellerHost).invitation.accept({ token, name: "Late", password: NEW_PASSWORD }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("expired");
    expect(await userRow(user)).toMatchObject({ status: "invited", passwordHash: null, name: user.name });
    expect(await auditCount(user.id, "user.invitation_accepted")).toBe(0);
  });

  it("refuses an unknown token, and a replaced one, each with its reason", async () => {
    const unknown = await trpcError(visitor(resellerHost).invitation.read({ token: "B".repeat(43) }));
    expect(unknown.code).toBe("NOT_FOUND");
    const user = await bistroUser("replaced", "invited");
    const first = tokenOf(await invite(user));
    await invite(user);
    const replaced = await trpcError(visitor(resellerHost).invitation.read({ token: first }));
    expect(replaced.code).toBe("CONFLICT");
    expect(replaced.message).toContain("newer invitation link");
  });

  it("does not reveal the account on another brand's host", async () => {
    const user = await bistroUser("other-host", "invited");
    const token = tokenOf(await invite(user));
    const error = await trpcError(visitor(acmeHost).invitation.read({ token }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).not.toContain("Bistro");
    const accept = await trpcError(visitor(acmeHost).invitation.accept({ token, name: "X", password: NEW_PASSWORD }));
    expect(accept.code).toBe("NOT_FOUND");
    expect((await userRow(user)).status).toBe("invited");
  });

  it("refuses a weak password at its field and keeps the link usable", async () => {
    const user = await bistroUser("weak", "invited");
    const token = tokenOf(await invite(user));
    const error = await trpcError(visitor(resellerHost).invitation.accept({ token, name: "Weak", password: "short" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("at least 12");
    expect((await visitor(resellerHost).invitation.read({ token })).email).toBe(user.email);
  });
});

describe("forgot password", () => {
  it("mails an active user a reset link; the reset ends every session of the user", async () => {
    const user = await bistroUser("reset", "active");
    const sessions = [
      await signedInSession(app, { accountId: ids.bistro.accountId, userId: user.id, role: "member" }, resellerHost),
      await signedInSession(app, { accountId: ids.bistro.accountId, userId: user.id, role: "member" }, resellerHost),
    ];
    const answer = await visitor(resellerHost).passwordReset.request({
      tenant: "bistro",
      email: user.email.toUpperCase(),
    });
    expect(answer.message).toBe(RESET_REQUESTED);
    const mail = await inbox.waitForMessageTo(user.email);
    expect(mail.subject).toBe("Reset your VoiceReseller password");
    expect(new URL(mail.links[0] ?? "").origin).toBe("http://voicereseller.localhost:3000");
    expect(new URL(mail.links[0] ?? "").pathname).toBe("/reset-password");
    const token = tokenOf(mail);
    expect(await visitor(resellerHost).passwordReset.check({ token })).toEqual({ tenant: "bistro", email: user.email });
    await visitor(resellerHost).passwordReset.reset({ token, password: NEW_PASSWORD });
    for (const session of sessions) expect(await principalOf(session)).toBeNull();
    expect(await auditCount(user.id, "user.password_reset")).toBe(1);
    const signedIn = await signIn(
      app,
      resellerHost,
      { tenant: "bistro", email: user.email, password: NEW_PASSWORD },
      nextIp(),
    );
    expect(signedIn.ok).toBe(true);
    const again = await trpcError(
      visitor(resellerHost).passwordReset.reset({ token, password: "yet another password" }),
    );
    expect(again.code).toBe("CONFLICT");
  });

  it("answers the same for an unknown e-mail, an unknown tenant and an invited user, and mails no one", async () => {
    const invited = await bistroUser("reset-invited", "invited");
    const page = visitor(resellerHost);
    const before = inbox.messages.length;
    for (const input of [
      { tenant: "bistro", email: "nobody@links.test" },
      { tenant: "no-such-tenant", email: "nobody@links.test" },
      { tenant: "bistro", email: invited.email },
    ]) {
      expect(await page.passwordReset.request(input)).toEqual({ message: RESET_REQUESTED });
    }
    // A known user's request afterwards is delivered: had the others sent mail, it would be here first.
    const known = await bistroUser("reset-known", "active");
    await page.passwordReset.request({ tenant: "bistro", email: known.email });
    await inbox.waitForMessageTo(known.email);
    expect(inbox.messages.slice(before).map((mail) => mail.to)).toEqual([[known.email]]);
  });

  it("mails nothing for a user of an account that does not sign in on this host", async () => {
    const user = await bistroUser("reset-wrong-host", "active");
    const before = inbox.messages.length;
    expect(await visitor(acmeHost).passwordReset.request({ tenant: "bistro", email: user.email })).toEqual({
      message: RESET_REQUESTED,
    });
    const known = await bistroUser("reset-right-host", "active");
    await visitor(resellerHost).passwordReset.request({ tenant: "bistro", email: known.email });
    await inbox.waitForMessageTo(known.email);
    expect(inbox.messages.slice(before).map((mail) => mail.to)).toEqual([[known.email]]);
  });

  it("throttles requests for one person before anything is looked up", async () => {
    const page = visitor(resellerHost);
    const input = { tenant: "bistro", email: "throttled-nobody@links.test" };
    for (let attempt = 0; attempt < 5; attempt += 1) await page.passwordReset.request(input);
    const error = await trpcError(page.passwordReset.request(input));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
  });
});

describe("the profile", () => {
  it("changes one's own name", async () => {
    const user = await bistroUser("profile-name", "active");
    const caller = callerAs(
      app,
      { accountId: ids.bistro.accountId, userId: user.id, role: "member" },
      { host: resellerHost },
    );
    expect(await caller.profile.updateName({ name: "  New   Name " })).toEqual({ name: "New Name" });
    expect((await userRow(user)).name).toBe("New Name");
    expect(await auditCount(user.id, "user.profile_updated")).toBe(1);
  });

  it("changes one's own password: other sessions end, this browser gets a new session", async () => {
    const user = await bistroUser("profile-password", "active");
    const self = { accountId: ids.bistro.accountId, userId: user.id, role: "member" as const };
    const other = await signedInSession(app, self, resellerHost);
    const mine = await signedInSession(app, self, resellerHost);
    const cookies: OpenAsCookie[] = [];
    const caller = callerAs(app, self, {
      host: resellerHost,
      session: mine,
      setCookie: (cookie) => void cookies.push(cookie),
    });
    const wrong = await trpcError(
      caller.profile.changePassword({ currentPassword: "not it", newPassword: NEW_PASSWORD }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(await principalOf(other)).not.toBeNull();

    await caller.profile.changePassword({ currentPassword: "old password here", newPassword: NEW_PASSWORD });
    expect(await principalOf(other)).toBeNull();
    expect(await principalOf(mine)).toBeNull();
    const cookie = cookies.find((each) => each.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    const renewed = await readSession(cookie?.value, resellerHost);
    expect(renewed).toMatchObject({ userId: user.id, accountId: ids.bistro.accountId });
    expect(renewed && (await principalOf(renewed))).not.toBeNull();
    expect(await auditCount(user.id, "user.password_changed")).toBe(1);
  });
});
