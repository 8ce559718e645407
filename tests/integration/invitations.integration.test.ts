/**
 * Invitations by e-mail through a real SMTP server: the link points to the account's brand host,
 * the message is branded, a reseller may invite a user of an account below it, an unrelated
 * account may not, and a newer invitation retires the older one.
 */
import { createTransport } from "nodemailer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/server/audit/record";
import { withTenant } from "@/server/db/tenant";
import { DomainError } from "@/server/domain-error";
import { setMailer, transportMailer } from "@/server/mail/mailer";
import { sendInvitation } from "@/server/people/invitations";
import { readLink } from "@/server/people/one-time-links";
import { connectDemoDatabase, type DemoIds } from "@/tests/helpers/demo-data";
import { SmtpInbox } from "@/tests/helpers/smtp-inbox";

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;
let inbox: SmtpInbox;
let made: { accountId: string; id: string }[] = [];

const ORIGIN = "http://voicereseller.localhost:3000";

function actorOf(slug: "bistro" | "voicereseller" | "acme"): Actor {
  const { accountId, ownerUserId } = ids[slug];
  return { accountId, userId: ownerUserId, userAccountId: accountId, ip: "192.0.2.8" };
}

async function invitedUser(accountId: string, label: string) {
  const user = await owner.user.create({
    data: {
      accountId,
      email: `${label}@invitations.test`,
      name: `Invitee ${label}`,
      role: "member",
      status: "invited",
    },
  });
  made.push(user);
  return user;
}

async function linkCount(user: { accountId: string; id: string }) {
  const rows = await owner.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM one_time_links WHERE account_id = ${user.accountId}::uuid AND user_id = ${user.id}::uuid`;
  return Number(rows[0]?.count ?? 0);
}

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
  inbox = await SmtpInbox.start();
  setMailer(transportMailer(createTransport(inbox.url)));
});

// Bistro is on Starter (5 users): each test gives its seats back.
afterEach(async () => {
  for (const user of made) {
    await owner.auditEntry.deleteMany({ where: { details: { path: ["userId"], equals: user.id } } });
    await owner.user.deleteMany({ where: { accountId: user.accountId, id: user.id } });
  }
  made = [];
});

afterAll(async () => {
  setMailer(undefined);
  await inbox.close();
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

describe("sendInvitation", () => {
  it("mails a branded link on the brand host of the account's chain, with the request's scheme and port", async () => {
    const user = await invitedUser(ids.bistro.accountId, "own-tenant");
    await withTenant(app, ids.bistro.accountId, (tx) =>
      sendInvitation(tx, actorOf("bistro"), { accountId: ids.bistro.accountId, userId: user.id, origin: ORIGIN }),
    );
    const mail = await inbox.waitForMessageTo(user.email);
    expect(mail.subject).toBe("You are invited to Bistro Group on VoiceReseller");
    expect(mail.fromName).toBe("VoiceReseller");
    expect(mail.replyTo).toBe("support@voicereseller.localhost");
    expect(mail.links).toHaveLength(1);
    const link = new URL(mail.links[0] ?? "");
    expect(link.origin).toBe("http://voicereseller.localhost:3000");
    expect(link.pathname).toBe("/invitation");
    expect(mail.html).toContain(mail.links[0]?.replaceAll("&", "&amp;"));
    expect(mail.text).toContain("expires in 7 days");
    const read = await readLink(app, link.searchParams.get("token") ?? "", "invitation");
    expect(read).toMatchObject({ account_id: ids.bistro.accountId, user_id: user.id, state: "valid" });
  });

  it("takes the request's scheme and port, never its host", async () => {
    const user = await invitedUser(ids.bistro.accountId, "scheme");
    await withTenant(app, ids.bistro.accountId, (tx) =>
      sendInvitation(tx, actorOf("bistro"), {
        accountId: ids.bistro.accountId,
        userId: user.id,
        origin: "https://acme.localhost:8443",
      }),
    );
    const mail = await inbox.waitForMessageTo(user.email);
    expect(new URL(mail.links[0] ?? "").origin).toBe("https://voicereseller.localhost:8443");
  });

  it("lets a reseller invite the user of an account below it", async () => {
    const user = await invitedUser(ids.bistro.accountId, "from-reseller");
    await withTenant(app, ids.voicereseller.accountId, (tx) =>
      sendInvitation(tx, actorOf("voicereseller"), {
        accountId: ids.bistro.accountId,
        userId: user.id,
        origin: ORIGIN,
      }),
    );
    const mail = await inbox.waitForMessageTo(user.email);
    expect(mail.subject).toContain("Bistro Group");
  });

  it("refuses an unrelated account's user and writes nothing", async () => {
    const user = await invitedUser(ids.bistro.accountId, "unrelated");
    const refusal = await withTenant(app, ids.acme.accountId, (tx) =>
      sendInvitation(tx, actorOf("acme"), { accountId: ids.bistro.accountId, userId: user.id, origin: ORIGIN }),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).reason).toBe("user_not_found");
    expect(await linkCount(user)).toBe(0);
    expect(inbox.messagesTo(user.email)).toHaveLength(0);
  });

  it("refuses a user who is not invited", async () => {
    const refusal = await withTenant(app, ids.bistro.accountId, (tx) =>
      sendInvitation(tx, actorOf("bistro"), {
        accountId: ids.bistro.accountId,
        userId: ids.bistro.ownerUserId,
        origin: ORIGIN,
      }),
    ).catch((error: unknown) => error);
    expect((refusal as DomainError).reason).toBe("not_invited");
  });

  it("retires the older invitation when a new one is sent", async () => {
    const user = await invitedUser(ids.bistro.accountId, "resent");
    const send = () =>
      withTenant(app, ids.bistro.accountId, (tx) =>
        sendInvitation(tx, actorOf("bistro"), { accountId: ids.bistro.accountId, userId: user.id, origin: ORIGIN }),
      );
    await send();
    const first = await inbox.waitForMessageTo(user.email);
    await send();
    const second = await inbox.waitForMessageTo(user.email);
    const tokenOf = (mail: typeof first) => new URL(mail.links[0] ?? "").searchParams.get("token") ?? "";
    expect((await readLink(app, tokenOf(first), "invitation"))?.state).toBe("replaced");
    expect((await readLink(app, tokenOf(second), "invitation"))?.state).toBe("valid");
  });
});
