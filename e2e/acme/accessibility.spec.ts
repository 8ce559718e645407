import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, VIEWPORTS } from "../helpers";

for (const viewport of VIEWPORTS) {
  test(`every page of a platform-direct account passes axe on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const path of ["/dashboard", "/audit", "/settings/branding", "/settings/domains", "/accounts"]) {
      await page.goto(path);
      await expectAccessible(page, path);
      await expectNoHorizontalScroll(page);
    }
  });
}

test("an account that is not a reseller has no Accounts in its menu, and its accounts page does not exist", async ({
  page,
}) => {
  await page.goto("/dashboard");
  const menu = page.getByRole("navigation", { name: "Portal" });
  await expect(menu.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  const response = await page.goto("/accounts");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
