import { expect, type Page, test } from "@playwright/test";

// Bistro's owner (this project's signed-in user) routes its demo number to a schedule it makes.
const BISTRO_NUMBER = "+33 1 99 00 12 34";
const SCHEDULE = "E2E Lunch service";

const numberRow = (page: Page) => page.getByRole("row").filter({ has: page.getByText(BISTRO_NUMBER, { exact: true }) });

async function saveRoute(page: Page, label: string) {
  const row = numberRow(page);
  await row.getByLabel(`Route ${BISTRO_NUMBER} to`).selectOption({ label });
  await row.getByRole("button", { name: `Save route for ${BISTRO_NUMBER}` }).click();
  await expect(page.getByText(`Saved where ${BISTRO_NUMBER} routes.`)).toBeVisible();
}

test("a customer routes its number to a schedule: the numbers page and the dashboard say so, and the schedule cannot go while routed to", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/schedules");
  const form = page.getByRole("region", { name: "New schedule" });
  await form.getByLabel("Name", { exact: true }).fill(SCHEDULE);
  await form.getByRole("button", { name: "Add hours on Monday" }).click();
  await form.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByRole("status")).toHaveText("Schedule created.");
  const schedulePage = page.url().split("?")[0] as string;

  try {
    await page.goto("/numbers");
    await expect(numberRow(page).getByTestId("number-route")).toHaveText("Account default");
    await saveRoute(page, SCHEDULE);
    await expect(numberRow(page).getByTestId("number-route")).toHaveText(`Schedule ${SCHEDULE}`);

    await page.goto("/dashboard");
    await expect(page.getByTestId("route-+33199001234")).toContainText(SCHEDULE);

    // While the number routes to it, the schedule stays, and the dialog says why.
    await page.goto(schedulePage);
    await page.getByRole("button", { name: "Delete schedule…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Delete schedule" }).click();
    await expect(dialog).toContainText(`${SCHEDULE} is still used by a number`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  } finally {
    // Give the number back to the account's default and remove the schedule, through the pages.
    await page.goto("/numbers");
    await saveRoute(page, "Account default");
    await expect(numberRow(page).getByTestId("number-route")).toHaveText("Account default");
    await page.goto(schedulePage);
    await page.getByRole("button", { name: "Delete schedule…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete schedule" }).click();
    await expect(page.getByRole("status")).toHaveText("Schedule deleted.");
  }
});
