import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, VIEWPORTS } from "../helpers";

// Signed in as Bistro's owner (the project's saved state). Bistro is on Starter: 3 departments.

const STARTER_LIMIT = "The Starter plan allows 3 departments; upgrade the plan for more.";

async function createDepartment(page: Page, name: string, members: string[] = []) {
  await page.goto("/departments");
  const form = page.getByRole("region", { name: "New department" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  for (const member of members) await form.getByRole("checkbox", { name: member }).check();
  await form.getByRole("button", { name: "Create department" }).click();
}

async function deleteOpenItem(page: Page, what: "department" | "schedule") {
  await page.getByRole("button", { name: `Delete ${what}…` }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: `Delete ${what}` })
    .click();
  await expect(page.getByRole("status")).toHaveText(`${what === "department" ? "Department" : "Schedule"} deleted.`);
}

/** Sets (or, with null, resets to inherited) Bistro's own time zone on the branding page. */
async function setAccountTimeZone(page: Page, zone: string | null) {
  await page.goto("/settings/branding");
  const field = page.getByTestId("field-branding-timezone");
  if (zone === null) {
    const reset = field.getByRole("button", { name: "Reset to inherited" });
    if ((await reset.count()) > 0) await reset.click();
  } else {
    const override = field.getByRole("button", { name: "Override" });
    if ((await override.count()) > 0) await override.click();
    await page.getByLabel("Time zone", { exact: true }).fill(zone);
  }
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
}

test("a department gets members, a duplicate name and the plan's fourth are refused with input kept, and all go again", async ({
  page,
}) => {
  await page.goto("/departments");
  await expect(page.getByTestId("departments-empty")).toContainText("No departments yet");

  await createDepartment(page, "E2E Front desk", ["Bistro Group Owner"]);
  await expect(page.getByRole("status")).toHaveText("Department created.");
  await expect(page.getByTestId("department-name")).toHaveText("E2E Front desk");
  await expect(page.getByRole("checkbox", { name: "Bistro Group Owner" })).toBeChecked();
  const created = [page.url().split("?")[0] as string];

  // The same name again: refused at the field, with what was typed kept.
  await createDepartment(page, "E2E Front desk");
  const name = page.getByRole("region", { name: "New department" }).getByLabel("Name", { exact: true });
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveValue("E2E Front desk");
  await expect(page.getByTestId("department-create-problems")).toContainText("There is already a department called");

  for (const extra of ["E2E Kitchen", "E2E Bar"]) {
    await createDepartment(page, extra);
    await expect(page.getByRole("status")).toHaveText("Department created.");
    created.push(page.url().split("?")[0] as string);
  }
  await page.goto("/departments");
  await expect(page.getByTestId("department-usage")).toHaveText("3 of 3 departments allowed on the Starter plan.");
  await expect(page.getByTestId("departments").getByRole("link")).toHaveText([
    "E2E Bar",
    "E2E Front desk",
    "E2E Kitchen",
  ]);

  // The fourth: refused with the limit and the plan named; nothing is written and the input stays.
  await createDepartment(page, "E2E Terrace", ["Bistro Group Owner"]);
  await expect(page.getByTestId("department-create-problems")).toHaveText(STARTER_LIMIT);
  const form = page.getByRole("region", { name: "New department" });
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("E2E Terrace");
  await expect(form.getByRole("checkbox", { name: "Bistro Group Owner" })).toBeChecked();
  await page.goto("/departments?q=terrace");
  await expect(page.getByTestId("departments-empty")).toContainText("No department matches");

  // Give the seats back.
  for (const url of created) {
    await page.goto(url);
    await deleteOpenItem(page, "department");
  }
  await expect(page.getByTestId("departments-empty")).toBeVisible();
});

test("a schedule with hours follows the account's time zone as it changes on the branding page", async ({ page }) => {
  // Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart and keep no daylight saving:
  // a schedule open all day on Kiritimati's weekday is closed everywhere in Pago Pago's day.
  const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "Pacific/Kiritimati", weekday: "long" }).format(
    new Date(),
  );
  await setAccountTimeZone(page, "Pacific/Kiritimati");
  try {
    await page.goto("/schedules");
    const form = page.getByRole("region", { name: "New schedule" });
    await expect(form.getByText("The account's time zone: Pacific/Kiritimati")).toBeVisible();
    await form.getByLabel("Name", { exact: true }).fill("E2E Office");
    await form.getByRole("button", { name: `Add hours on ${weekday}` }).click();
    await form.getByRole("button", { name: `Add hours on ${weekday}` }).click();
    await form.getByLabel(`${weekday} (1) opens`, { exact: true }).fill("00:00");
    await form.getByLabel(`${weekday} (1) closes`, { exact: true }).fill("12:00");
    await form.getByLabel(`${weekday} (2) opens`, { exact: true }).fill("11:00");
    await form.getByLabel(`${weekday} (2) closes`, { exact: true }).fill("24:00");
    await form.getByRole("button", { name: "Create schedule" }).click();

    // Overlapping ranges: refused at the second one's field, everything typed kept.
    const second = form.getByLabel(`${weekday} (2) opens`, { exact: true });
    await expect(second).toHaveAttribute("aria-invalid", "true");
    await expect(second).toBeFocused();
    await expect(page.getByTestId("schedule-create-problems")).toHaveText(
      "This range overlaps another one on the same day.",
    );
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("E2E Office");
    await expect(form.getByLabel(`${weekday} (2) closes`, { exact: true })).toHaveValue("24:00");
    await second.fill("12:00");
    await form.getByRole("button", { name: "Create schedule" }).click();
    await expect(page.getByRole("status")).toHaveText("Schedule created.");
    await expect(page.getByTestId("schedule-name")).toHaveText("E2E Office");
    const schedulePage = page.url().split("?")[0] as string;

    // On a schedule's page only its header shows the zone and the state.
    const header = page.getByRole("main");
    await expect(header.getByTestId("effective-zone")).toHaveText(
      "Pacific/Kiritimati (the account's, set on this account)",
    );
    await expect(header.getByTestId("open-state")).toHaveAttribute("data-open", "true");
    await expect(header.getByTestId("open-state")).toContainText("Open now");

    await setAccountTimeZone(page, "Pacific/Pago_Pago");
    await page.goto(schedulePage);
    await expect(header.getByTestId("effective-zone")).toHaveText(
      "Pacific/Pago_Pago (the account's, set on this account)",
    );
    await expect(header.getByTestId("open-state")).toHaveAttribute("data-open", "false");
    await page.goto("/schedules");
    const row = page.getByTestId("schedules").getByRole("row", { name: /E2E Office/ });
    await expect(row.getByTestId("open-state")).toContainText("Closed");
    await expect(row.getByTestId("effective-zone")).toContainText("Pacific/Pago_Pago");

    await page.goto(schedulePage);
    await deleteOpenItem(page, "schedule");
  } finally {
    await setAccountTimeZone(page, null);
  }
});

for (const viewport of VIEWPORTS) {
  test(`the departments and schedules pages pass axe and fit on a ${viewport.name}`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await createDepartment(page, `E2E Axe ${viewport.name}`, ["Bistro Group Owner"]);
    await expect(page.getByRole("status")).toHaveText("Department created.");
    const department = page.url().split("?")[0] as string;
    await page.goto("/schedules");
    const form = page.getByRole("region", { name: "New schedule" });
    await form.getByLabel("Name", { exact: true }).fill(`E2E Axe ${viewport.name}`);
    // By keyboard: adding a range puts the focus in it, removing one puts it back on "Add hours".
    await form.getByRole("button", { name: "Add hours on Monday" }).focus();
    await page.keyboard.press("Enter");
    await expect(form.getByLabel("Monday opens", { exact: true })).toBeFocused();
    await expect(form.getByLabel("Monday opens", { exact: true })).toHaveValue("09:00");
    await page.keyboard.press("Tab");
    await expect(form.getByLabel("Monday closes", { exact: true })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(form.getByRole("button", { name: "Add hours on Monday" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(form.getByLabel("Monday opens", { exact: true })).toBeFocused();
    await form.getByRole("button", { name: "Add a holiday" }).click();
    await expect(form.getByLabel("Date", { exact: true })).toBeFocused();
    await form.getByLabel("Date", { exact: true }).fill("2026-12-25");
    await form.getByLabel("Holiday", { exact: true }).fill("Christmas");
    await form.getByLabel("While open, calls go to").selectOption({ label: `E2E Axe ${viewport.name}` });
    await form.getByRole("button", { name: "Create schedule" }).click();
    await expect(page.getByRole("status")).toHaveText("Schedule created.");
    const schedule = page.url().split("?")[0] as string;

    for (const path of ["/departments", department, "/schedules", schedule]) {
      await page.goto(path);
      await expectAccessible(page, path);
      await expectNoHorizontalScroll(page);
    }

    // Still routed to by the schedule: the department cannot go yet, and the dialog says why.
    await page.goto(department);
    await page.getByRole("button", { name: "Delete department…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete department" }).click();
    await expect(page.getByRole("dialog").getByRole("alert")).toContainText("is still used by the schedule");
    await page.keyboard.press("Escape");

    await page.goto(schedule);
    await deleteOpenItem(page, "schedule");
    await page.goto(department);
    await deleteOpenItem(page, "department");
  });
}
