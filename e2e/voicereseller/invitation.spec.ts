import { expect, test } from "@playwright/test";
import { createTransport } from "nodemailer";
import type { PrismaClient } from "../../server/db/client";
import { withTenant } from "../../server/db/tenant";
import { setMailer, transportMailer } from "../../server/mail/mailer";
import { sendInvitation } from "../../server/people/invitations";
import { e2eDatabase } from "../database";
import { expectAccessible, origin } from "../helpers";
import { SMTP_URL, waitForMailTo } from "../mailbox";

test.use({ storageState: { cookies: [], origins: [] } });

// An invited user of City Clinic, invited by its owner through the server's own sendInvitation
// (the users page is another part of the issue); the mail goes through the run's SMTP server.
const EMAIL = "invitee-e2e@city-clinic.test";
const PASSWORD = "my first password";
let db: { owner: PrismaClient; app: PrismaClient };
let user: { accountId: string; id: string };

test.beforeAll(async () => {
  db = await e2eDatabase();
  const account = await db.owner.account.findUniqueOrThrow({ where: { slug: "city-clinic" } });
  const inviter = await db.owner.user.findFirstOrThrow({ where: { accountId: account.id, role: "owner" } });
  user = await db.owner.user.create({
    data: { accountId: account.id, email: EMAIL, name: "Invitee", role: "member", status: "invited" },
  });
  setMailer(transportMailer(createTransport(SMTP_URL)));
  await withTenant(db.app, account.id, (tx) =>
    sendInvitation(
      tx,
      { accountId: account.id, userId: inviter.id, userAccountId: account.id, ip: null },
      { accountId: account.id, userId: user.id, origin: origin("voicereseller.localhost") },
    ),
  );
});

test.afterAll(async () => {
  setMailer(undefined);
  await db.owner.auditEntry.deleteMany({
    where: { OR: [{ actorUserId: user.id }, { details: { path: ["userId"], equals: user.id } }] },
  });
  await db.owner.user.delete({ where: { accountId_id: { accountId: user.accountId, id: user.id } } });
  await Promise.all([db.owner.$disconnect(), db.app.$disconnect()]);
});

test("the invitee follows the mailed link, sets name and password, signs in and edits their profile", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const mail = await waitForMailTo(EMAIL);
  expect(mail.subject).toBe("You are invited to City Clinic on VoiceReseller");
  const link = mail.links[0] ?? "";
  expect(new URL(link).origin).toBe(origin("voicereseller.localhost"));

  // Another brand's host does not reveal the invitation's account.
  const onAcme = new URL(link);
  onAcme.host = "acme.localhost:3100";
  await page.goto(onAcme.toString());
  await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toBeVisible();
  await expect(page.getByText("City Clinic")).toHaveCount(0);

  await page.goto(link);
  await expect(page.getByTestId("invitation-summary")).toContainText(`City Clinic as ${EMAIL}`);
  await expectAccessible(page, "the invitation page");
  await page.getByLabel("Your name").fill("Grace Hopper");
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill("not the same password");
  await page.getByRole("button", { name: "Accept and continue" }).click();
  await expect(page.getByTestId("confirm-password-error")).toContainText("not the same");
  // What was typed is still there.
  await expect(page.getByLabel("Your name")).toHaveValue("Grace Hopper");
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accept and continue" }).click();

  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByText("Your account is ready")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(EMAIL);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The profile: own name, then own password; this browser stays signed in.
  await page.goto("/profile");
  await expectAccessible(page, "the profile page");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Grace B. Hopper");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name was saved.")).toBeVisible();
  await page.getByLabel("Current password").fill("wrong password");
  await page.getByLabel("New password", { exact: true }).fill("an even newer password");
  await page.getByLabel("Repeat the new password").fill("an even newer password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("current-password-error")).toContainText("not correct");
  await expectAccessible(page, "the profile page with a problem");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("You stay signed in here")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);

  // The invitation worked once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
});
