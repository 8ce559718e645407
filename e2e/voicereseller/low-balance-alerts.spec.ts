import { expect, test } from "@playwright/test";
import { STATE_DIR } from "../../playwright.config";
import { e2eDatabase } from "../database";
import { expectAccessible, expectNoHorizontalScroll, openBistroWallet, origin, signIn, VIEWPORTS } from "../helpers";
import { mailCount, waitForMailTo } from "../mailbox";

test.use({ storageState: { cookies: [], origins: [] } });

const BISTRO_OWNER = "owner@bistro.test";
const RESELLER_OWNER = "owner@voicereseller.test";

/** "$1,234.50" as cents. */
const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);
const dollars = (minor: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);
/** Cents as the amount fields take them: 1234.5. */
const typed = (minor: number) => (minor / 100).toFixed(2);

// Clean-up whatever happened: the test turns Bistro's alert off at its end, but a failure half-way
// would leave Bistro listed below its alert on the reseller's home for the specs that follow.
test.afterAll(async () => {
  const { owner, app } = await e2eDatabase();
  try {
    const bistro = await owner.account.findUniqueOrThrow({ where: { slug: "bistro" } });
    await owner.lowBalanceThreshold.deleteMany({ where: { accountId: bistro.id } });
  } finally {
    await Promise.all([owner.$disconnect(), app.$disconnect()]);
  }
});

test("a low-balance alert: set by the customer and its reseller, crossed, mailed to both sides, shown on the reseller's home", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // Bistro's owner sets an alert on its own Billing page; a bad amount is refused, what was typed kept.
  const bistro = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    storageState: `${STATE_DIR}/bistro.json`,
  });
  const customer = await bistro.newPage();
  await customer.goto("/billing");
  await expect(customer.getByTestId("last-alert")).toHaveText("No alert has been sent yet.");
  const alertField = customer.getByLabel("Alert below (USD)");
  await alertField.fill("twenty");
  await customer.getByRole("button", { name: "Save the alert" }).click();
  await expect(customer.getByTestId("alert-threshold-error")).toContainText("like 20 or 20.50");
  await expect(alertField).toBeFocused();
  await expect(alertField).toHaveValue("twenty");
  await expectAccessible(customer, "the billing page with a refused alert");
  await alertField.fill("1");
  await customer.getByRole("button", { name: "Save the alert" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Low-balance alert saved." })).toBeVisible();
  await expect(customer.getByLabel("Alert below (USD)")).toHaveValue("1.00");

  // The reseller sees it on Bistro's wallet, tops Bistro up, moves the alert just under the
  // balance, and a correction takes the balance below it.
  await signIn(page, { tenant: "voicereseller", email: RESELLER_OWNER });
  await openBistroWallet(page);
  await expect(page.getByLabel("Alert below (USD)")).toHaveValue("1.00");
  await page.getByLabel("Amount (USD)").fill("100");
  await page.getByLabel("Reason").fill("Credit before the alert test");
  await page.getByRole("button", { name: "Post to the wallet" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wallet topped up." })).toBeVisible();
  const balance = cents((await page.getByTestId("wallet-balance").textContent()) ?? "");
  const threshold = balance - 1000;
  expect(threshold).toBeGreaterThan(0);
  await page.getByLabel("Alert below (USD)").fill(typed(threshold));
  await page.getByRole("button", { name: "Save the alert" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Low-balance alert saved." })).toBeVisible();
  await expect(page.getByTestId("wallet-low-balance")).toHaveCount(0);

  const [bistroMails, resellerMails] = [await mailCount(BISTRO_OWNER), await mailCount(RESELLER_OWNER)];
  await page.getByLabel("What").selectOption("debit");
  await page.getByLabel("Amount (USD)").fill("20");
  await page.getByLabel("Reason").fill("Correction below the alert");
  await page.getByRole("button", { name: "Post to the wallet" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Correction posted." })).toBeVisible();
  await expect(page.getByTestId("wallet-low-balance")).toContainText("below its low-balance alert");

  // One mail to each side, in the brand each sees, linking into its own portal.
  const toCustomer = await waitForMailTo(BISTRO_OWNER, bistroMails);
  expect(toCustomer.fromName).toBe("VoiceReseller");
  expect(toCustomer.subject).toMatch(/^Low balance: Bistro Group is below \$/);
  expect(toCustomer.links).toEqual([`${origin("voicereseller.localhost")}/billing`]);
  const toReseller = await waitForMailTo(RESELLER_OWNER, resellerMails);
  expect(toReseller.subject).toMatch(/^Low balance: your customer Bistro Group is below \$/);
  const walletLink = toReseller.links[0] ?? "";
  expect(walletLink).toMatch(new RegExp(`^${origin("voicereseller.localhost")}/accounts/[0-9a-f-]{36}/wallet$`));
  await page.goto(walletLink);
  await expect(page.getByRole("heading", { level: 1, name: "Wallet of Bistro Group" })).toBeVisible();
  // Marked mailed once the last letter has gone, a moment after it arrives.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("last-alert")).toContainText(
      `when the balance fell to ${dollars(balance - 2000)}; e-mailed.`,
      { timeout: 1000 },
    );
  }).toPass({ timeout: 15_000 });

  // Still below: no new alert. Back above and below again: a second one. Alerts go out in the
  // order they were made, so a mail for the first correction would come before the second crossing's.
  const post = async (what: string, amount: string, reason: string, done: string) => {
    await page.getByLabel("What").selectOption(what);
    await page.getByLabel("Amount (USD)").fill(amount);
    await page.getByLabel("Reason").fill(reason);
    await page.getByRole("button", { name: "Post to the wallet" }).click();
    await expect(page.getByRole("status").filter({ hasText: done })).toBeVisible();
  };
  await post("debit", "1", "Still below the alert", "Correction posted.");
  await post("top_up", "30", "Back above the alert", "Wallet topped up.");
  await expect(page.getByTestId("wallet-low-balance")).toHaveCount(0);
  await post("debit", "20", "Below the alert again", "Correction posted.");
  await waitForMailTo(BISTRO_OWNER, bistroMails + 1);
  await waitForMailTo(RESELLER_OWNER, resellerMails + 1);
  expect(await mailCount(BISTRO_OWNER)).toBe(bistroMails + 2);
  expect(await mailCount(RESELLER_OWNER)).toBe(resellerMails + 2);

  // The reseller's home lists Bistro below its alert.
  await page.goto("/dashboard");
  await expect(page.getByTestId("business-low-balance")).toContainText("Bistro Group");
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto(walletLink);
    await expectAccessible(page, `the wallet page below its alert on a ${viewport.name}`);
    await expectNoHorizontalScroll(page);
  }

  // Bistro sees it too, and turns the alert off.
  await customer.goto("/billing");
  await expect(customer.getByTestId("wallet-low-balance")).toContainText("Your account is below its low-balance alert");
  await expectAccessible(customer, "the billing page below the alert");
  await customer.getByRole("button", { name: "Turn the alert off" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Low-balance alert turned off." })).toBeVisible();
  await expect(customer.getByLabel("Alert below (USD)")).toHaveValue("");
  await expect(customer.getByTestId("wallet-low-balance")).toHaveCount(0);
  await bistro.close();
});
