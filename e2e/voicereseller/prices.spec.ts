import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, signIn, VIEWPORTS } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

test("the reseller sets its markup and a price of its own, sees a refusal at the field, and removes the price", async ({
  page,
}) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Prices" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Prices" })).toBeVisible();
  await expect(page.getByLabel("Markup on your cost (%)")).toHaveValue("25");

  await page.getByLabel("Markup on your cost (%)").fill("30");
  await page.getByRole("button", { name: "Save the markup" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Markup saved." })).toBeVisible();
  await expect(page.getByLabel("Markup on your cost (%)")).toHaveValue("30");

  // A prefix that is not digits is refused at its field, with everything typed kept.
  await page.getByLabel("Numbers starting with").fill("49 30");
  await page.getByLabel("Price per minute (USD)").fill("0.30");
  await page.getByLabel("Billed in").selectOption("60/60");
  await page.getByRole("button", { name: "Save the price" }).click();
  await expect(page.getByTestId("price-prefix-error")).toContainText("up to 15 digits");
  await expect(page.getByLabel("Numbers starting with")).toBeFocused();
  await expect(page.getByLabel("Price per minute (USD)")).toHaveValue("0.30");
  await expectAccessible(page, "the prices page with a refused price");

  await page.getByLabel("Numbers starting with").fill("4930");
  await page.getByRole("button", { name: "Save the price" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Price saved." })).toBeVisible();
  const row = page.getByTestId("prices").locator("tbody tr").filter({ hasText: "+4930" });
  await expect(row).toContainText("0.30 USD");
  await expect(row).toContainText("60/60");
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await expectAccessible(page, `the prices page on a ${viewport.name}`);
    await expectNoHorizontalScroll(page);
  }

  await row.getByRole("button", { name: "Remove the price for outgoing calls to +4930" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Price removed." })).toBeVisible();
  await expect(page.getByTestId("prices").locator("tbody tr").filter({ hasText: "+4930" })).toHaveCount(0);

  // Back to the demo's markup, which the other specs count on.
  await page.getByLabel("Markup on your cost (%)").fill("25");
  await page.getByRole("button", { name: "Save the markup" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Markup saved." })).toBeVisible();
});
