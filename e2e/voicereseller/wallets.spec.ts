import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { STATE_DIR } from "../../playwright.config";
import { expectAccessible, expectNoHorizontalScroll, openBistroWallet, origin, signIn, VIEWPORTS } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

/** "$1,234.50" as cents. */
const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, "")) * 100);
const dollars = (minor: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);

test("the reseller tops up Bistro and sets its credit; Bistro sees its balance and where the money came from", async ({
  page,
  browser,
}) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await openBistroWallet(page);
  const before = cents((await page.getByTestId("wallet-balance").textContent()) ?? "");

  // A top-up, typed as a person types money.
  await page.getByLabel("Amount (USD)").fill("25.50");
  await page.getByLabel("Reason").fill("Prepaid credit for December");
  await page.getByRole("button", { name: "Post to the wallet" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Wallet topped up." })).toBeVisible();
  await expect(page.getByTestId("wallet-balance")).toHaveText(dollars(before + 2550));
  const newest = page.getByTestId("ledger-entries").locator("tbody tr").first();
  await expect(newest).toContainText("Prepaid credit for December");
  await expect(newest).toContainText("+$25.50");
  await expect(newest).toContainText("owner@voicereseller.test");
  // The form is empty again for the next one.
  await expect(page.getByLabel("Amount (USD)")).toHaveValue("");

  // A correction past the credit limit is refused, with what was typed kept.
  await page.getByLabel("What").selectOption("debit");
  await page.getByLabel("Amount (USD)").fill("100000");
  await page.getByLabel("Reason").fill("Too much");
  await page.getByRole("button", { name: "Post to the wallet" }).click();
  await expect(page.getByTestId("amount-error")).toContainText("below the limit");
  await expect(page.getByLabel("Amount (USD)")).toBeFocused();
  await expect(page.getByLabel("Amount (USD)")).toHaveValue("100000");
  await expect(page.getByLabel("Reason")).toHaveValue("Too much");
  await expect(page.getByTestId("wallet-balance")).toHaveText(dollars(before + 2550));
  await expectAccessible(page, "the wallet page with a refused correction");

  // An amount that is not money is refused at the field.
  await page.getByLabel("Amount (USD)").fill("12.345");
  await page.getByRole("button", { name: "Post to the wallet" }).click();
  await expect(page.getByTestId("amount-error")).toContainText("like 25 or 25.50");

  // The credit limit.
  await page.getByLabel("Credit limit (USD)").fill("75");
  await page.getByRole("button", { name: "Save the credit limit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Credit limit saved." })).toBeVisible();
  await expect(page.getByTestId("wallet-credit-limit")).toHaveText("$75.00");
  await expect(page.getByTestId("wallet-available")).toContainText(dollars(before + 2550 + 7500));

  // Bistro's owner, on its reseller's brand: the same balance, the top-up from "Your provider".
  const bistro = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    storageState: `${STATE_DIR}/bistro.json`,
    acceptDownloads: true,
  });
  const customer = await bistro.newPage();
  await customer.goto("/dashboard");
  await customer.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Billing" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(customer.getByTestId("wallet-balance")).toHaveText(dollars(before + 2550));
  await expect(customer.getByTestId("wallet-credit-limit")).toHaveText("$75.00");
  const entry = customer.getByTestId("ledger-entries").locator("tbody tr").first();
  await expect(entry).toContainText("Prepaid credit for December");
  await expect(entry).toContainText("Your provider");
  await expect(customer.getByTestId("ledger-entries")).not.toContainText("voicereseller.test");
  // Filtered to refunds: none yet.
  await customer.getByLabel("Show").selectOption("refund");
  await customer.getByRole("button", { name: "Filter" }).click();
  await expect(customer.getByTestId("ledger-empty")).toHaveText("No transactions match.");
  // This month's statement closes with the balance the wallet shows, and downloads as CSV.
  await customer.getByRole("navigation", { name: "Billing" }).getByRole("link", { name: "Monthly statement" }).click();
  await expect(customer.getByTestId("statement-closing")).toHaveText(dollars(before + 2550));
  const statementFile = customer.waitForEvent("download");
  await customer.getByTestId("statement-csv").click();
  const statement = (await readFile(await (await statementFile).path(), "utf8")).trim().split("\n");
  expect(statement[0]).toBe("date,kind,reason,currency,amount,balance");
  expect(statement.some((line) => line.includes("top_up,Prepaid credit for December,USD,25.50"))).toBe(true);
  expect(statement.at(-1)).toMatch(new RegExp(`closing_balance,,USD,,${((before + 2550) / 100).toFixed(2)}$`));
  for (const viewport of VIEWPORTS) {
    await customer.setViewportSize(viewport);
    await customer.goto("/billing/statement");
    await expectAccessible(customer, `the customer's statement on a ${viewport.name}`);
    await expectNoHorizontalScroll(customer);
    await customer.goto("/billing");
    await expectAccessible(customer, `the customer's billing page on a ${viewport.name}`);
    await expectNoHorizontalScroll(customer);
  }
  await bistro.close();
});

test("the wallet page of an account that is not below the reseller does not exist", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const response = await page.goto("/accounts/00000000-0000-4000-8000-000000000000/wallet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
