import { expect, test } from "@playwright/test";
import { cssVariable, fillLogin, loginError, signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("the login page is branded as VoiceReseller and asks for the tenant", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("brand-name")).toHaveText("VoiceReseller");
  await expect(page).toHaveTitle("Sign in · VoiceReseller");
  await expect(page.getByLabel("Tenant")).toBeVisible();
  expect(await cssVariable(page, "--brand-primary")).toBe("#7c3aed");
  await expect(page.getByText("SIP.IO")).toHaveCount(0);
});

test("Acme's owner cannot sign in on voicereseller.localhost, and is not told Acme exists", async ({ page }) => {
  await fillLogin(page, { tenant: "acme", email: "owner@acme.test" });
  await expect(loginError(page)).toHaveText("Tenant, email or password is incorrect.");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await fillLogin(page, { tenant: "bistro", email: "owner@bistro.test", password: "not-the-password" });
  await expect(loginError(page)).toHaveText("Tenant, email or password is incorrect.");
});

test("an unknown tenant gets the same answer as a wrong password, a malformed one a clear message", async ({
  page,
}) => {
  await fillLogin(page, { tenant: "no-such-tenant", email: "owner@bistro.test" });
  await expect(loginError(page)).toHaveText("Tenant, email or password is incorrect.");
  await page.getByLabel("Tenant").fill("Bad Slug!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(loginError(page)).toContainText("lowercase letters, digits or hyphens");
});

test("VoiceReseller's owner sees its child accounts", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const children = page.getByTestId("children");
  await expect(children).toContainText("Bistro Group");
  await expect(children).toContainText("City Clinic");
  await expect(children).not.toContainText("Acme Corp");
});

test("the keyboard alone signs in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Tenant").focus();
  await page.keyboard.type("bistro");
  await page.keyboard.press("Tab");
  await page.keyboard.type("owner@bistro.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("demo-password-1");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("account-name")).toHaveText("Bistro Group");
});
