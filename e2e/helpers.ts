import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const PORT = 3100;
export const DEMO_PASSWORD = "demo-password-1";
export const origin = (host: string) => `http://${host}:${PORT}`;

/** Fills the login form of whatever host `page` is on; the tenant field only when it is shown. */
export async function fillLogin(page: Page, options: { tenant?: string; email: string; password?: string }) {
  await page.goto("/login");
  const tenant = page.getByLabel("Tenant");
  if (options.tenant !== undefined && (await tenant.count()) > 0) await tenant.fill(options.tenant);
  await page.getByLabel("Email").fill(options.email);
  await page.getByLabel("Password").fill(options.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, options: { tenant?: string; email: string; password?: string }) {
  await fillLogin(page, options);
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function cssVariable(page: Page, name: string): Promise<string> {
  return page
    .getByTestId("brand-theme")
    .first()
    .evaluate((element, variable) => getComputedStyle(element).getPropertyValue(variable).trim(), name);
}

/** The login form's error line (Next's route announcer is also a role=alert). */
export const loginError = (page: Page) => page.locator("#login-error");

/**
 * Node's resolver does not map *.localhost to loopback the way Chromium does, so API requests
 * from the test runner go to 127.0.0.1 with the brand host in the Host header.
 */
export function apiUrl(path: string): string {
  return `http://127.0.0.1:${PORT}${path}`;
}

/** Desktop and phone: every page is checked at both widths. */
export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 740 },
] as const;

/**
 * Runs axe on the page as it is now and fails on any serious or critical violation, listing each
 * rule with the elements that break it.
 */
export async function expectAccessible(page: Page, what = page.url()) {
  // Next streams a page's <title> after its body; right after a server action re-renders the
  // page it may not be there yet. A page that never gets one still fails here, by this wait.
  await expect(page, `the title of ${what}`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
  expect(serious, `accessibility of ${what}`).toEqual([]);
}

/** The page has no horizontal scrolling: everything is contained at this width. */
export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${page.url()}`).toBeLessThanOrEqual(0);
}

/** As VoiceReseller: from the accounts list to Bistro's wallet page. */
export async function openBistroWallet(page: Page) {
  await page.goto("/accounts");
  await page.getByTestId("children").getByRole("link", { name: "Bistro Group", exact: true }).click();
  await page.getByRole("link", { name: "Wallet and transactions of Bistro Group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wallet of Bistro Group" })).toBeVisible();
}
