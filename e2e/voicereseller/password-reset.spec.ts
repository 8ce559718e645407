import { expect, test } from "@playwright/test";
import { hashPassword } from "../../server/auth/password";
import type { PrismaClient } from "../../server/db/client";
import { e2eDatabase } from "../database";
import { expectAccessible } from "../helpers";
import { waitForMailTo } from "../mailbox";

test.use({ storageState: { cookies: [], origins: [] } });

// A user made for this test (never a demo owner other specs sign in as), in City Clinic, which
// signs in on VoiceReseller's host.
const EMAIL = "reset-e2e@city-clinic.test";
const NEW_PASSWORD = "a brand new password";
let db: { owner: PrismaClient; app: PrismaClient };
let user: { accountId: string; id: string };

test.beforeAll(async () => {
  db = await e2eDatabase();
  const account = await db.owner.account.findUniqueOrThrow({ where: { slug: "city-clinic" } });
  user = await db.owner.user.create({
    data: {
      accountId: account.id,
      email: EMAIL,
      name: "Reset Person",
      role: "member",
      passwordHash: await hashPassword("the old password"),
    },
  });
});

test.afterAll(async () => {
  await db.owner.auditEntry.deleteMany({ where: { actorUserId: user.id } });
  await db.owner.user.delete({ where: { accountId_id: { accountId: user.accountId, id: user.id } } });
  await Promise.all([db.owner.$disconnect(), db.app.$disconnect()]);
});

test("Forgot password? from the login page mails a branded link that sets a new password once", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password/);
  // The pointer is still where the link was: keep hover styles out of the contrast check.
  await page.mouse.move(0, 0);
  await expectAccessible(page, "the forgot password page");
  await page.getByLabel("Tenant").fill("city-clinic");
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "we have sent a link" })).toBeVisible();
  await expectAccessible(page, "the forgot password page, sent");

  const mail = await waitForMailTo(EMAIL);
  expect(mail.subject).toBe("Reset your VoiceReseller password");
  const link = mail.links[0] ?? "";
  expect(new URL(link).origin).toBe("http://voicereseller.localhost:3100");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectAccessible(page, "the reset password page");
  // A refusal keeps the page and says why, at the field.
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByTestId("new-password-error")).toContainText("at least 12");
  await expectAccessible(page, "the reset password page with a problem");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Repeat the password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();

  await expect(page).toHaveURL(/\/login\?/);
  await expect(page.getByText("Your password has been changed")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(EMAIL);
  await expect(page.getByLabel("Tenant")).toHaveValue("city-clinic");
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "already been used" })).toBeVisible();
  await expectAccessible(page, "a used reset link");
});
