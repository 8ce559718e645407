import { expect, type Page, test } from "@playwright/test";
import { signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const banner = (page: Page) => page.getByTestId("open-as-banner");

/** The id in the dashboard's link to a child account of the signed-in reseller. */
async function childId(page: Page, name: string): Promise<string> {
  const href = await page.getByTestId("children").getByRole("link", { name, exact: true }).getAttribute("href");
  const id = href?.split("/").at(-1);
  if (!id) throw new Error(`no link to ${name} on the dashboard`);
  return id;
}

test("the reseller opens a child account, works in it under both names, and returns", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.getByTestId("children").getByRole("link", { name: "Bistro Group", exact: true }).click();
  await page.getByRole("button", { name: "Open as Bistro Group" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(banner(page)).toContainText("You are working in Bistro Group as owner@voicereseller.test");
  await expect(banner(page)).toContainText("of VoiceReseller Inc.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Bistro Group");
  // The banner stays on every page; the audit log (a customer's, under Settings) is Bistro's and
  // names the real user.
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Settings" }).click();
  await expect(banner(page)).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(banner(page)).toBeVisible();
  const entries = page.getByTestId("audit-entries");
  await expect(entries.locator("tbody tr").first()).toContainText("Opened an account (open as)");
  await expect(entries.locator("tbody tr").first()).toContainText("owner@voicereseller.test (VoiceReseller Inc.)");

  await page.getByRole("button", { name: "Return to VoiceReseller Inc." }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByTestId("children")).toContainText("City Clinic");
});

test("the reseller's banner and return button work on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.goto(`/accounts/${await childId(page, "City Clinic")}`);
  await page.getByRole("button", { name: "Open as City Clinic" }).click();
  await expect(banner(page)).toContainText("City Clinic");
  const returnButton = page.getByRole("button", { name: "Return to VoiceReseller Inc." });
  await expect(returnButton).toBeInViewport();
  await returnButton.click();
  await expect(banner(page)).toHaveCount(0);
});

test("a City Clinic owner cannot open Bistro", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const bistro = await childId(page, "Bistro Group");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, { tenant: "city-clinic", email: "owner@city-clinic.test" });
  // No page of Bistro's, and the API refuses to open it.
  const response = await page.goto(`/accounts/${bistro}`);
  expect(response?.status()).toBe(404);
  await page.goto("/dashboard");
  const answer = await page.evaluate(async (accountId) => {
    const reply = await fetch("/api/trpc/openAs.start", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { accountId } }),
    });
    return { status: reply.status, body: await reply.text() };
  }, bistro);
  expect(answer.status).toBe(403);
  expect(answer.body).toContain("Only reseller accounts can do this.");
  await page.reload();
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("City Clinic");
});
