import { type Browser, expect, type Page, test } from "@playwright/test";
import { STATE_DIR } from "../../playwright.config";
import { e2eSql } from "../database";
import { expectAccessible, expectNoHorizontalScroll, origin, signIn, VIEWPORTS } from "../helpers";

const BASE_URL = origin("voicereseller.localhost");
const FREE_FRENCH = "+33 1 99 00 12 35";
const SEEDED_BISTRO = "+33 1 99 00 12 34";

async function asReseller(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  return page;
}

async function asBistro(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, storageState: `${STATE_DIR}/bistro.json` });
  return context.newPage();
}

const row = (page: Page, international: string) =>
  page.getByRole("row").filter({ has: page.getByText(international, { exact: true }) });

test("the reseller assigns a pool number to Bistro; Bistro's owner routes it to an extension; the reseller takes it back", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const db = await e2eSql();
  const bistroId = (await db.query<{ id: string }>("SELECT id FROM accounts WHERE slug = 'bistro'")).rows[0]?.id;
  // No extensions page on this branch yet: the destinations are made in the database.
  const desk = await db.query<{ id: string }>(
    "INSERT INTO extensions (account_id, number, name) VALUES ($1, '1077', 'Numbers desk') RETURNING id",
    [bistroId],
  );
  const doomed = await db.query<{ id: string }>(
    "INSERT INTO extensions (account_id, number, name) VALUES ($1, '1078', 'Soon gone') RETURNING id",
    [bistroId],
  );
  try {
    // The reseller gives a free French number of its pool to Bistro.
    const reseller = await asReseller(browser);
    await reseller.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Numbers" }).click();
    await reseller.getByRole("link", { name: "your pool of numbers" }).click();
    await expect(reseller).toHaveURL(/\/numbers\/pool$/);
    await expect(row(reseller, SEEDED_BISTRO).getByTestId("number-holder")).toHaveText("Bistro Group");
    const free = row(reseller, FREE_FRENCH);
    await expect(free.getByTestId("number-holder")).toHaveText("Free");
    await free.getByLabel(`Assign ${FREE_FRENCH} to`).selectOption({ label: "Bistro Group" });
    await free.getByRole("button", { name: `Assign ${FREE_FRENCH}` }).click();
    await expect(reseller.getByText(`Assigned ${FREE_FRENCH}.`)).toBeVisible();
    await expect(row(reseller, FREE_FRENCH).getByTestId("number-holder")).toHaveText("Bistro Group");

    // Bistro's owner sees it, formatted for France, going to the account's default.
    const bistro = await asBistro(browser);
    await bistro.goto("/numbers");
    const number = row(bistro, FREE_FRENCH);
    await expect(number).toContainText("01 99 00 12 35");
    await expect(number.getByTestId("number-route")).toHaveText("Account default");

    // A destination that goes away before saving: the refusal is at the field, the choice kept.
    const picker = number.getByLabel(`Route ${FREE_FRENCH} to`);
    await picker.selectOption({ label: "1078 · Soon gone" });
    await db.query("DELETE FROM extensions WHERE id = $1", [doomed.rows[0]?.id]);
    await number.getByRole("button", { name: `Save route for ${FREE_FRENCH}` }).click();
    await expect(number.getByText("Your account has no such extension.").first()).toBeVisible();
    await expect(picker).toHaveAttribute("aria-invalid", "true");
    await expect(picker).toHaveValue(`extension:${doomed.rows[0]?.id}`);
    await expectAccessible(bistro, "the numbers page with a refused route");

    // Routed to its extension, and the page says where it goes.
    await picker.selectOption({ label: "1077 · Numbers desk" });
    await number.getByRole("button", { name: `Save route for ${FREE_FRENCH}` }).click();
    await expect(bistro.getByText(`Saved where ${FREE_FRENCH} routes.`)).toBeVisible();
    await expect(row(bistro, FREE_FRENCH).getByTestId("number-route")).toHaveText("Extension 1077 · Numbers desk");
    await expect(row(bistro, FREE_FRENCH).getByLabel(`Route ${FREE_FRENCH} to`)).toHaveValue(
      `extension:${desk.rows[0]?.id}`,
    );

    // The reseller takes it back (after a question); the route goes with it.
    await reseller.reload();
    const held = row(reseller, FREE_FRENCH);
    await held.getByRole("button", { name: `Take back ${FREE_FRENCH}` }).click();
    await expect(held.getByText(`Take ${FREE_FRENCH} back from Bistro Group?`)).toBeFocused();
    await held.getByRole("button", { name: "Yes, take back" }).click();
    await expect(reseller.getByText(`Took ${FREE_FRENCH} back.`)).toBeVisible();
    await expect(row(reseller, FREE_FRENCH).getByTestId("number-holder")).toHaveText("Free");
    await bistro.reload();
    await expect(row(bistro, FREE_FRENCH)).toHaveCount(0);
    const stored = await db.query("SELECT route_extension_id FROM numbers WHERE e164 = '+33199001235'");
    expect(stored.rows[0]?.route_extension_id).toBeNull();
  } finally {
    await db.query("UPDATE numbers SET route_extension_id = NULL WHERE route_extension_id = ANY($1::uuid[])", [
      [desk.rows[0]?.id, doomed.rows[0]?.id],
    ]);
    await db.query("DELETE FROM extensions WHERE id = ANY($1::uuid[])", [[desk.rows[0]?.id, doomed.rows[0]?.id]]);
    await db.end();
  }
});

test("a search that matches nothing says so, and a national number finds the number", async ({ page }) => {
  await page.goto("/numbers");
  await page.getByLabel("Search numbers").fill("01 99 00 12 34");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(row(page, SEEDED_BISTRO)).toHaveCount(1);
  await page.getByLabel("Search numbers").fill("555 0000");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("numbers-empty")).toHaveText("No number of Bistro Group matches “555 0000”.");
  await expect(page.getByLabel("Search numbers")).toHaveValue("555 0000");
});

for (const viewport of VIEWPORTS) {
  test(`the numbers pages pass axe and fit a ${viewport.name}`, async ({ page, browser }) => {
    await page.setViewportSize(viewport);
    for (const path of ["/numbers", "/numbers?q=zzz"]) {
      await page.goto(path);
      await expectAccessible(page, `${path} (Bistro)`);
      await expectNoHorizontalScroll(page);
    }
    const reseller = await asReseller(browser);
    await reseller.setViewportSize(viewport);
    for (const path of ["/numbers", "/numbers/pool", "/numbers/pool?q=nobody"]) {
      await reseller.goto(path);
      await expectAccessible(reseller, `${path} (VoiceReseller)`);
      await expectNoHorizontalScroll(reseller);
    }
    // The take-back question is part of the page too.
    await reseller.goto("/numbers/pool");
    await row(reseller, SEEDED_BISTRO)
      .getByRole("button", { name: `Take back ${SEEDED_BISTRO}` })
      .click();
    await expectAccessible(reseller, "the take-back question");
  });
}

test("a customer has no pool page", async ({ page }) => {
  const response = await page.goto("/numbers/pool");
  expect(response?.status()).toBe(404);
});
