import { expect, test } from "@playwright/test";
import { signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test.beforeEach(async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
});

test("the reseller searches its accounts by name or slug, from the keyboard", async ({ page }) => {
  const children = page.getByTestId("children");
  await expect(children.getByRole("row")).toHaveCount(3);

  await page.getByRole("searchbox", { name: "Search accounts by name or slug" }).fill("CLINIC");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\?q=CLINIC$/);
  await expect(children).toContainText("City Clinic");
  await expect(children).not.toContainText("Bistro Group");
  await expect(children.getByRole("columnheader", { name: "Under" })).toBeVisible();

  await page.getByRole("searchbox").fill("bist");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(children).toContainText("Bistro Group");
  await expect(children).not.toContainText("City Clinic");

  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(children.getByRole("row")).toHaveCount(3);
});

test("a search that matches nothing says so", async ({ page }) => {
  await page.goto("/dashboard?q=no-such-account");
  await expect(page.getByText("No account below VoiceReseller Inc. matches “no-such-account”.")).toBeVisible();
  await expect(page.getByTestId("children")).toHaveCount(0);
});

test("a broken link explains itself instead of failing the page", async ({ page }) => {
  await page.goto("/dashboard?parent=not-an-id");
  await expect(page.locator("section [role=alert]").first()).toHaveText("parentId must be an account id");
  await page.goto("/dashboard?parent=00000000-0000-4000-8000-000000000000");
  await expect(page.locator("section [role=alert]").first()).toHaveText("There is no such account below yours.");
  await page.getByRole("link", { name: "Back to your accounts" }).click();
  await expect(page.getByTestId("children")).toContainText("Bistro Group");
});
