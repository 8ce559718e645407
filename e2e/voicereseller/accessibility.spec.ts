import { expect, type Page, test } from "@playwright/test";
import { apiUrl, expectAccessible, expectNoHorizontalScroll, signIn, VIEWPORTS } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

/** The id in a link to a child account of the signed-in reseller. */
async function childId(page: Page, name: string): Promise<string> {
  await page.goto("/accounts");
  const href = await page.getByTestId("children").getByRole("link", { name, exact: true }).getAttribute("href");
  const id = href?.split("/").at(-1);
  if (!id) throw new Error(`no link to ${name}`);
  return id;
}

for (const viewport of VIEWPORTS) {
  test(`every page of a reseller's portal passes axe on a ${viewport.name}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await page.goto("/login");
    await expectAccessible(page, "the login page");
    await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
    const bistro = await childId(page, "Bistro Group");
    const pages = [
      "/dashboard",
      "/accounts",
      "/accounts?q=clinic",
      "/accounts/new",
      `/accounts/${bistro}`,
      `/accounts/${bistro}/branding`,
      `/accounts/${bistro}/domains`,
      `/accounts/${bistro}/wallet`,
      `/billing/statement?accountId=${bistro}`,
      "/billing",
      "/billing/calls",
      "/billing/usage",
      "/reports",
      "/prices",
      "/audit",
      `/audit?target=${bistro}`,
      "/settings/branding",
      "/settings/domains",
      "/accounts/00000000-0000-4000-8000-000000000000",
      "/no-such-page",
    ];
    for (const path of pages) {
      await page.goto(path);
      await expectAccessible(page, path);
      await expectNoHorizontalScroll(page);
    }

    // A form with its problems shown, and a confirmation dialog, are pages too.
    await page.goto("/accounts/new");
    await page.getByLabel("Name", { exact: true }).fill("Acme");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("account-form-problems")).not.toBeEmpty();
    await expectAccessible(page, "the new account form with a problem");
    await page.goto(`/accounts/${bistro}`);
    await page.getByRole("button", { name: "Close account" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectAccessible(page, "the close account dialog");
    await page.keyboard.press("Escape");

    // Opened as a child: the banner on every page.
    await page.getByRole("button", { name: "Open as Bistro Group" }).click();
    await expect(page.getByTestId("open-as-banner")).toBeVisible();
    await expectAccessible(page, "the dashboard opened as Bistro Group");
    await page.getByRole("button", { name: "Return to VoiceReseller Inc." }).click();
    await expect(page.getByTestId("open-as-banner")).toHaveCount(0);
  });
}

test("the menu marks the page the user is on, and shows Accounts to resellers", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const menu = page.getByRole("navigation", { name: "Portal" });
  await expect(menu.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await menu.getByRole("link", { name: "Accounts" }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(menu.getByRole("link", { name: "Accounts" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Dashboard" })).not.toHaveAttribute("aria-current", "page");
  await expect(menu.locator('[aria-current="page"]')).toHaveCount(1);
  // A page below a menu entry marks that entry.
  await page.getByTestId("children").getByRole("link", { name: "Bistro Group", exact: true }).click();
  await expect(menu.getByRole("link", { name: "Accounts" })).toHaveAttribute("aria-current", "page");
  await expect(page).toHaveTitle("Bistro Group · VoiceReseller Inc. · VoiceReseller");
  await expect(page.getByTestId("managed-account-status")).toHaveText("Active");
});

test("tab titles say page, account and brand; the favicon is the brand's", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await expect(page).toHaveTitle("Dashboard · VoiceReseller Inc. · VoiceReseller");
  await page.goto("/audit");
  await expect(page).toHaveTitle("Audit log · VoiceReseller Inc. · VoiceReseller");
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon).toMatch(/^\/brand-icon\?c=[0-9a-f]{6}&i=V$/);
  const response = await page.request.get(apiUrl(icon ?? ""), { headers: { host: "voicereseller.localhost:3100" } });
  expect(response.headers()["content-type"]).toBe("image/svg+xml");
  expect(await response.text()).toContain(">V</text>");
});

test("a portal page that does not exist keeps the header and leads home", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const response = await page.goto("/accounts/00000000-0000-4000-8000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Portal" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("the audit log reads as sentences: labels, plan names, the account's time zone, stacked on a phone", async ({
  page,
}) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.goto("/audit");
  const entries = page.getByTestId("audit-entries");
  await expect(entries.getByRole("columnheader").first()).toHaveText(/^When \(.+\)$/);
  await expect(entries).not.toContainText("planId");
  await page.setViewportSize({ width: 375, height: 740 });
  await expectNoHorizontalScroll(page);
  // Stacked: each value under its label, one entry per block.
  await expect(entries.locator("tbody tr").first()).toHaveCSS("display", "block");
});
