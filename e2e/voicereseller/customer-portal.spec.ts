import { expect, type Page, test } from "@playwright/test";
import { e2eSql } from "../database";
import { expectAccessible, expectNoHorizontalScroll, signIn, VIEWPORTS } from "../helpers";

// Signed in as Bistro Group's owner (Starter plan), a customer of VoiceReseller.

const CUSTOMER_MENU = [
  "Dashboard",
  "Users",
  "Extensions",
  "Numbers",
  "Departments",
  "Schedules",
  "Billing",
  "Settings",
];

test("a customer's menu folds at phone width and works from the keyboard", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS[1]);
  await page.goto("/dashboard");
  const menu = page.getByRole("navigation", { name: "Portal" });
  const toggle = menu.getByRole("button", { name: "Menu" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(menu.getByRole("link", { name: "Users" })).toBeHidden();

  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(menu.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await expect(menu.getByRole("link")).toHaveText(CUSTOMER_MENU);
  await expect(menu.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Accounts" })).toHaveCount(0);
  await expectAccessible(page, "the dashboard with the menu open");
  await expectNoHorizontalScroll(page);

  // Escape folds it and gives the focus back to the button.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toBeFocused();

  // Choosing a page goes there and folds the menu.
  await page.keyboard.press("Enter");
  await menu.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(menu.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
});

test("the dashboard meters usage against the Starter plan and names the plan a missing feature needs", async ({
  page,
}) => {
  await page.goto("/dashboard");
  await expect(page.getByTestId("meter-users-text")).toHaveText(/^\d+ of 5/);
  await expect(page.getByTestId("meter-departments-text")).toHaveText(/^\d+ of 3/);
  await expect(page.getByTestId("meter-extensions-text")).toHaveText(/^\d+ · no limit on the Starter plan$/);
  await expect(page.getByTestId("meter-numbers-text")).toHaveText(/^\d+ · no limit on the Starter plan$/);
  await expect(page.getByRole("meter", { name: "Users" })).toHaveAttribute("max", "5");
  // Which numbers route where: Bistro's demo number, with no route of its own and no default yet.
  await expect(page.getByTestId("routes")).toContainText("No route of its own: nowhere");

  await expect(page.getByTestId("feature-recording")).toContainText("Included");
  const transcription = page.getByTestId("feature-aiTranscription");
  await expect(transcription).toContainText("Unavailable");
  await expect(page.getByTestId("feature-aiTranscription-plan")).toHaveText("Available on the Professional plan");
  await expect(page.getByTestId("feature-advancedAnalytics-plan")).toHaveText("Available on the Professional plan");
  // No analytics on Starter.
  await expect(page.getByTestId("analytics")).toHaveCount(0);
});

test("the customer chooses where unrouted numbers go from its own destinations", async ({ page }) => {
  // An extension to choose (the extensions pages are another part's): made in the database, undone below.
  const db = await e2eSql();
  const desk = await db.query<{ id: string; account_id: string }>(
    "INSERT INTO extensions (account_id, number, name) SELECT id, '1100', 'Front desk' FROM accounts WHERE slug = 'bistro' RETURNING id, account_id",
  );
  const { id: deskId, account_id: bistroId } = desk.rows[0] ?? { id: "", account_id: "" };
  try {
    await chooseDefault(page);
    // The database keeps the default from being deleted while it is one.
    await expect(db.query("DELETE FROM extensions WHERE id = $1", [deskId])).rejects.toThrow(
      /accounts_default_extension_fk/,
    );
  } finally {
    await db.query("UPDATE accounts SET default_extension_id = NULL WHERE id = $1", [bistroId]);
    await db.query("DELETE FROM extensions WHERE id = $1", [deskId]);
    await db.end();
  }
});

async function chooseDefault(page: Page) {
  await page.goto("/settings");
  const row = page.getByTestId("field-branding-defaultDestination");
  await expect(page.getByTestId("branding-defaultDestination-now")).toHaveText(
    "none (unrouted numbers are not answered)",
  );
  await row.getByRole("button", { name: "Choose" }).click();
  const select = page.getByLabel("Unrouted numbers go to");
  await expect(select.locator("option")).toContainText(["Choose a destination", "1100 · Front desk"]);
  await select.selectOption({ label: "1100 · Front desk" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByTestId("branding-defaultDestination-now")).toHaveText(
    "Extension: 1100 · Front desk (set here)",
  );
  await page.reload();
  await expect(page.getByTestId("branding-defaultDestination-now")).toHaveText(
    "Extension: 1100 · Front desk (set here)",
  );

  // Starter lacks AI transcription: the switch says which plan has it.
  await expect(page.getByTestId("switch-voicemailTranscription")).toContainText("needs the Professional plan");
}

for (const viewport of VIEWPORTS) {
  test(`the customer's dashboard and settings pass axe on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const path of ["/dashboard", "/settings"]) {
      await page.goto(path);
      await expectAccessible(page, path);
      await expectNoHorizontalScroll(page);
    }
  });
}

test.describe("the reseller", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  async function openAs(page: Page, name: string) {
    await page.goto("/accounts");
    await page.getByTestId("children").getByRole("link", { name, exact: true }).click();
    await page.getByRole("button", { name: `Open as ${name}` }).click();
    await expect(page.getByTestId("open-as-banner")).toBeVisible();
  }

  async function returnToReseller(page: Page) {
    await page.getByRole("button", { name: "Return to VoiceReseller Inc." }).click();
    await expect(page.getByTestId("open-as-banner")).toHaveCount(0);
    await expect(page.getByTestId("account-name")).toHaveText("VoiceReseller Inc.");
  }

  test("cannot move a customer to a plan its usage exceeds, and is told what is over", async ({ page }) => {
    test.setTimeout(90_000);
    await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
    // The dashboard has settled before the next navigation (else the browser aborts one of the two).
    await expect(page.getByTestId("account-name")).toHaveText("VoiceReseller Inc.");
    // City Clinic (Professional) switches AI transcription on.
    await openAs(page, "City Clinic");
    await page.goto("/settings");
    const transcription = page.getByTestId("switch-voicemailTranscription");
    await transcription.getByRole("button", { name: "Switch on" }).click();
    await expect(page.getByTestId("switch-voicemailTranscription-state")).toHaveText("on");
    await returnToReseller(page);

    await page.goto("/accounts");
    await page.getByTestId("children").getByRole("link", { name: "City Clinic", exact: true }).click();
    await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Starter" });
    await page.getByLabel("Inbound calls (max_in)").fill("2");
    await page.getByLabel("Outbound calls (max_out)").fill("2");
    await page.getByLabel("Dialer calls (max_dialer)").fill("0");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("account-plan-error")).toHaveText(
      "City Clinic uses more than the Starter plan allows: AI transcription switched on (it does not include it). Switch AI transcription off first, or choose a larger plan.",
    );
    // Nothing was written, and what was typed is still there.
    await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("starter");
    await page.reload();
    await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("professional");
    await expect(page.getByLabel("Inbound calls (max_in)")).toHaveValue("10");

    // Back as it was.
    await openAs(page, "City Clinic");
    await page.goto("/settings");
    await page.getByTestId("switch-voicemailTranscription").getByRole("button", { name: "Switch off" }).click();
    await expect(page.getByTestId("switch-voicemailTranscription-state")).toHaveText("off");
    await returnToReseller(page);
  });
});
