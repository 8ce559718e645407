import { expect, type Locator, type Page, test } from "@playwright/test";
import { origin, signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;

/** A field in error: marked invalid and described by its message. */
async function expectFieldError(page: Page, control: Locator, message: string | RegExp) {
  await expect(control).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await control.getAttribute("aria-describedby")) ?? "";
  const errorId = describedBy.split(" ").find((id) => id.endsWith("-error"));
  expect(errorId, "the control is described by its error").toBeTruthy();
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message);
}

test.beforeEach(async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
});

test("create account: after a taken slug, everything typed stays and the fixed form creates what was asked", async ({
  page,
}) => {
  await page.goto("/accounts/new");
  await page.getByLabel("Name", { exact: true }).fill("Harbor Forms");
  await page.getByLabel("Slug", { exact: true }).fill("acme");
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Enterprise" });
  await page.getByLabel("This account is a reseller").check();
  await page.getByLabel("Inbound calls (max_in)").fill("15");
  await page.getByLabel("Outbound calls (max_out)").fill("14");
  await page.getByLabel("Dialer calls (max_dialer)").fill("3");
  await page.getByLabel("Owner's name").fill("Forms Owner");
  await page.getByLabel("Owner's e-mail").fill("owner@harbor-forms.test");
  await page.getByRole("button", { name: "Create account" }).click();

  const slug = page.getByLabel("Slug", { exact: true });
  await expectFieldError(page, slug, 'The slug "acme" is already taken.');
  await expect(slug).toBeFocused();
  await expect(page.getByTestId("account-form-problems")).toHaveText('The slug "acme" is already taken.');
  // Nothing typed was lost.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Harbor Forms");
  await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("enterprise");
  await expect(page.getByLabel("This account is a reseller")).toBeChecked();
  await expect(page.getByLabel("Inbound calls (max_in)")).toHaveValue("15");
  await expect(page.getByLabel("Outbound calls (max_out)")).toHaveValue("14");
  await expect(page.getByLabel("Dialer calls (max_dialer)")).toHaveValue("3");
  await expect(page.getByLabel("Owner's name")).toHaveValue("Forms Owner");
  await expect(page.getByLabel("Owner's e-mail")).toHaveValue("owner@harbor-forms.test");

  await slug.fill(unique("harbor-forms"));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toHaveText("Account created.");
  await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("enterprise");
  await expect(page.getByLabel("Inbound calls (max_in)")).toHaveValue("15");
  await expect(page.getByRole("link", { name: "New account below Harbor Forms" })).toBeVisible();
});

test("edit account: a saved plan stays chosen, and a failed save keeps what was typed without the old success", async ({
  page,
}) => {
  await page.goto("/accounts/new");
  await page.getByLabel("Name", { exact: true }).fill("Plan Keeper");
  await page.getByLabel("Slug", { exact: true }).fill(unique("plan-keeper"));
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Starter" });
  await page.getByLabel("Inbound calls (max_in)").fill("2");
  await page.getByLabel("Outbound calls (max_out)").fill("2");
  await page.getByLabel("Dialer calls (max_dialer)").fill("0");
  await page.getByLabel("Owner's name").fill("New Account Owner");
  await page.getByLabel("Owner's e-mail").fill("owner@new-account.test");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toHaveText("Account created.");

  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Professional" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("professional");

  // The next save (a new name) must not put the old plan back.
  await page.getByLabel("Name", { exact: true }).fill("Plan Keeper Two");
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await page.reload();
  await expect(page.getByLabel("Plan", { exact: true })).toHaveValue("professional");
  await expect(page.getByTestId("managed-account-name")).toHaveText("Plan Keeper Two");

  // A failed save: the earlier success goes, the typed limits stay, the problem is at its field.
  await page.getByLabel("Inbound calls (max_in)").fill("11");
  await page.getByRole("button", { name: "Save changes" }).click();
  const maxIn = page.getByLabel("Inbound calls (max_in)");
  await expectFieldError(page, maxIn, /at most 10: the Professional plan allows 10 concurrent calls/);
  await expect(maxIn).toBeFocused();
  await expect(maxIn).toHaveValue("11");
  await expect(page.getByText("Changes saved.")).toHaveCount(0);
});

test("limits above the plan's concurrent calls are refused at their fields, with the plan named", async ({ page }) => {
  await page.goto("/accounts/new");
  await page.getByLabel("Name", { exact: true }).fill("Over Plan");
  await page.getByLabel("Slug", { exact: true }).fill(unique("over-plan"));
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Starter" });
  await page.getByLabel("Inbound calls (max_in)").fill("25");
  await page.getByLabel("Outbound calls (max_out)").fill("20");
  await page.getByLabel("Dialer calls (max_dialer)").fill("0");
  await page.getByLabel("Owner's name").fill("New Account Owner");
  await page.getByLabel("Owner's e-mail").fill("owner@new-account.test");
  await page.getByRole("button", { name: "Create account" }).click();
  const maxIn = page.getByLabel("Inbound calls (max_in)");
  await expectFieldError(
    page,
    maxIn,
    "inbound calls (max_in) can be at most 2: the Starter plan allows 2 concurrent calls.",
  );
  await expectFieldError(
    page,
    page.getByLabel("Outbound calls (max_out)"),
    "outbound calls (max_out) can be at most 2: the Starter plan allows 2 concurrent calls.",
  );
  await expect(maxIn).toBeFocused();
  await expect(page.getByTestId("account-form-problems").getByRole("listitem")).toHaveCount(2);
  await expect(page).toHaveURL(/\/accounts\/new$/);
});

test("branding: every problem at its field at once, and a summary by the Save button", async ({ page }) => {
  await page.goto("/accounts");
  await page.getByTestId("children").getByRole("link", { name: "City Clinic", exact: true }).click();
  await page.getByRole("link", { name: "Branding and defaults of City Clinic" }).click();
  for (const [field, value] of [
    ["supportEmail", "not an address"],
    ["supportPhone", "12"],
  ] as const) {
    // City Clinic inherits both from VoiceReseller: override them here.
    const row = page.getByTestId(`field-branding-${field}`);
    await row.getByRole("button", { name: "Override" }).click();
    await row.getByRole("textbox").fill(value);
  }
  await page.getByRole("button", { name: "Save changes" }).click();

  const email = page.getByLabel("Support e-mail");
  await expectFieldError(page, email, /support e-mail must be an address/i);
  await expectFieldError(page, page.getByLabel("Support phone"), /support phone must be an international number/i);
  await expect(email).toBeFocused();
  const summary = page.getByTestId("branding-problems");
  await expect(summary.getByRole("listitem")).toHaveCount(2);
  // The summary sits by the button, in view when it is pressed.
  await expect(summary).toBeInViewport();
  await expect(email).toHaveValue("not an address");
});

test("leaving a form with unsaved changes asks first", async ({ page }) => {
  await page.goto("/accounts/new");
  await page.getByLabel("Name", { exact: true }).fill("Half Typed");
  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Dashboard" }).click();
  await expect.poll(() => questions).toEqual(["You have unsaved changes. Leave this page and lose them?"]);
  await expect(page).toHaveURL(/\/accounts\/new$/);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Half Typed");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("Return from an opened account works before the page has hydrated", async ({ page, browser }) => {
  await page.goto("/accounts");
  await page.getByTestId("children").getByRole("link", { name: "City Clinic", exact: true }).click();
  await page.getByRole("button", { name: "Open as City Clinic" }).click();
  await expect(page.getByTestId("open-as-banner")).toBeVisible();

  // No script at all: the page as it is before hydration, for as long as that lasts.
  const noScript = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    storageState: await page.context().storageState(),
    javaScriptEnabled: false,
  });
  const early = await noScript.newPage();
  await early.goto("/dashboard");
  await expect(early.getByTestId("open-as-banner")).toBeVisible();
  await early.getByRole("button", { name: "Return to VoiceReseller Inc." }).click();
  await expect(early).toHaveURL(/\/dashboard$/);
  await expect(early.getByTestId("open-as-banner")).toHaveCount(0);
  await expect(early.getByTestId("account-name")).toHaveText("VoiceReseller Inc.");
  await noScript.close();
});
