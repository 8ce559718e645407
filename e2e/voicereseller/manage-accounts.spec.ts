import { expect, type Page, test } from "@playwright/test";
import { origin, signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const formProblems = (page: Page) => page.getByTestId("account-form-problems");

test("the reseller creates, edits, suspends, reactivates and closes a child account", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.getByRole("link", { name: "New account" }).click();
  await expect(page.getByRole("heading", { name: "New account below VoiceReseller Inc." })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("Harbor Dental");
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue("harbor-dental");
  await page.getByLabel("Plan", { exact: true }).selectOption({ label: "Enterprise" });
  await expect(page.getByText("At most 200 (VoiceReseller Inc.)").first()).toBeVisible();
  await page.getByLabel("Owner's name").fill("Harbor Dental Owner");
  await page.getByLabel("Owner's e-mail").fill("owner@harbor-dental.test");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("status")).toHaveText("Account created.");
  await expect(page.getByTestId("managed-account-name")).toHaveText("Harbor Dental");
  await expect(page.getByTestId("managed-account-status")).toHaveText("Active");

  // A limit above the parent's is refused by the server, with the parent named, at the field.
  await page.getByLabel("Inbound calls (max_in)").fill("201");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#limit-maxIn-error")).toHaveText(
    "inbound calls (max_in) can be at most 200: that is VoiceReseller Inc.'s limit.",
  );
  await expect(formProblems(page)).toHaveText(
    "inbound calls (max_in) can be at most 200: that is VoiceReseller Inc.'s limit.",
  );

  await page.getByLabel("Name", { exact: true }).fill("Harbor Dental Care");
  await page.getByLabel("Inbound calls (max_in)").fill("12");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await expect(page.getByTestId("managed-account-name")).toHaveText("Harbor Dental Care");
  await expect(page.getByLabel("Inbound calls (max_in)")).toHaveValue("12");

  await page.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByTestId("managed-account-status")).toHaveText("Suspended");
  await page.getByRole("button", { name: "Reactivate" }).click();
  await expect(page.getByTestId("managed-account-status")).toHaveText("Active");

  // Closing asks first, in a dialog; Cancel leaves the account as it was.
  await page.getByRole("button", { name: "Close account" }).click();
  const question = page.getByRole("dialog", { name: "Close Harbor Dental Care for good?" });
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByTestId("managed-account-status")).toHaveText("Active");
  await page.getByRole("button", { name: "Close account" }).click();
  await question.getByRole("button", { name: "Yes, close it" }).click();
  await expect(page.getByTestId("managed-account-status")).toHaveText("Closed");
  await expect(page.getByText("A closed account cannot be reopened.")).toBeVisible();

  // Every change is in the audit log: who, what, on which account, the values before and after.
  await page.getByRole("link", { name: "Audit log of Harbor Dental Care" }).click();
  const entries = page.getByTestId("audit-entries");
  await expect(entries.locator("tbody tr")).toHaveCount(7);
  // The account, its first owner and the invitation mail are one transaction: the same time, any order.
  const created = /^(Created an account|Invited a user|Sent an invitation)$/;
  await expect(entries.locator("tbody tr [data-action]")).toHaveText([
    "Closed an account",
    "Reactivated an account",
    "Suspended an account",
    "Changed an account",
    created,
    created,
    created,
  ]);
  await expect(entries).toContainText("Invited a user");
  await expect(entries).toContainText("Sent an invitation");
  await expect(entries).toContainText("owner@voicereseller.test");
  // Field labels and plan names, not column names and ids.
  await expect(entries).toContainText("Name: Harbor Dental → Harbor Dental Care");
  await expect(entries).toContainText("Inbound calls (max_in): 2 → 12");
  await expect(entries).toContainText("Status: suspended → active");
  await page.getByLabel("What").selectOption({ label: "Created an account" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(entries.locator("tbody tr")).toHaveCount(1);
  await expect(entries).toContainText("Slug: harbor-dental");
  await expect(entries).toContainText("Plan: Enterprise");
  await expect(entries).not.toContainText("planId");

  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Dashboard" }).click();
  await page.getByRole("searchbox").fill("harbor");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("children")).toContainText("Harbor Dental Care");
  await expect(page.getByTestId("children")).toContainText("Closed");
});

test("a slug that is taken is refused with a clear message", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.goto("/accounts/new");
  await page.getByLabel("Name", { exact: true }).fill("Acme");
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue("acme");
  await page.getByLabel("Owner's name").fill("Acme Twin Owner");
  await page.getByLabel("Owner's e-mail").fill("owner@acme-twin.test");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#account-slug-error")).toHaveText('The slug "acme" is already taken.');
  await expect(formProblems(page)).toHaveText('The slug "acme" is already taken.');
});

test("a City Clinic owner cannot open Bistro's page", async ({ page, browser }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const bistroHref = await page
    .getByTestId("children")
    .getByRole("link", { name: "Bistro Group", exact: true })
    .getAttribute("href");
  expect(bistroHref).toMatch(/^\/accounts\/[0-9a-f-]{36}$/);

  const clinic = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    storageState: { cookies: [], origins: [] },
  });
  const clinicPage = await clinic.newPage();
  await signIn(clinicPage, { tenant: "city-clinic", email: "owner@city-clinic.test" });
  await expect(clinicPage.getByTestId("account-name")).toHaveText("City Clinic");
  const response = await clinicPage.goto(bistroHref ?? "");
  expect(response?.status()).toBe(404);
  await expect(clinicPage.getByText("Bistro Group")).toHaveCount(0);
  await clinic.close();
});
