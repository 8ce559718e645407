import { expect, test } from "@playwright/test";

test("Acme's portal has the platform brand, its plan and limits", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByTestId("account-name")).toHaveText("Acme Corp");
  await expect(page.getByTestId("brand-name")).toHaveText("SIP.IO");
  await expect(page.getByRole("heading", { name: "Plan: Professional" })).toBeVisible();
  // not a reseller: no child accounts
  await expect(page.getByTestId("children")).toHaveCount(0);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a host of one account needs no tenant field", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByLabel("Email")).toBeVisible();
    await expect(page.getByLabel("Tenant")).toHaveCount(0);
  });

  test("portal pages send signed-out visitors to the login page on the same host", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL("http://acme.localhost:3100/login?next=%2Fdashboard");
  });
});
