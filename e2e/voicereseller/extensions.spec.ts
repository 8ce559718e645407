import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, VIEWPORTS } from "../helpers";

// Signed in as Bistro's owner (the project's saved state). The SIP password is copied through the
// clipboard, as a person would.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("Bistro's owner creates an extension, adds a device and copies its SIP password once", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/extensions");
  await expect(page.getByRole("heading", { name: "Extensions", level: 1 })).toBeVisible();
  // The seeded 1002, found by search.
  await page.getByLabel("Search extensions by number or name").fill("1002");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/extensions\?q=1002$/);
  await expect(page.getByTestId("extensions").getByRole("link", { name: "1002" })).toBeVisible();
  await page.getByLabel("Search extensions by number or name").fill("no such extension");
  await page.keyboard.press("Enter");
  await expect(page.getByText("No extension matches “no such extension”.")).toBeVisible();

  // A taken number: refused at its field, with what was typed kept.
  await page.goto("/extensions");
  await page.getByLabel("Number", { exact: true }).fill("1002");
  await page.getByLabel("Name", { exact: true }).fill("Kitchen");
  await page.getByRole("button", { name: "Create extension" }).click();
  await expect(page.getByTestId("extension-new-number-error")).toContainText("Extension 1002 exists already");
  await expect(page.getByLabel("Number", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Kitchen");
  await expectAccessible(page, "the new extension form with a problem");

  // With the keyboard: a free number, then Enter.
  await page.getByLabel("Number", { exact: true }).fill("2101");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/extensions\/[0-9a-f-]{36}\?done=created$/);
  await expect(page.getByTestId("extension-title")).toHaveText("2101 · Kitchen");
  await expect(page.getByTestId("devices-empty")).toBeVisible();

  // The username starts as the extension's number, the realm as Bistro's SIP domain.
  await expect(page.getByLabel("SIP username")).toHaveValue("2101");
  await expect(page.getByLabel("SIP domain")).toHaveValue("sip.bistro.localhost");
  await page.getByLabel("Label").fill("Kitchen phone");
  await page.getByRole("button", { name: "Add device" }).click();

  const dialog = page.getByRole("dialog", { name: "SIP password" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("You will not see this password again");
  await expect(dialog).toContainText("2101@sip.bistro.localhost");
  const password = await dialog.getByTestId("sip-password").inputValue();
  expect(password).toMatch(/^[0-9A-Za-z]{24}$/);
  await dialog.getByRole("button", { name: "Copy password" }).click();
  await expect(dialog.getByTestId("sip-password-copied")).toHaveText("Copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(password);
  await expectAccessible(page, "the SIP password dialog");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Device added. Its password is not shown again")).toBeVisible();

  // Gone for good: not on the page, nor after a reload.
  const device = page.locator('[data-device="2101@sip.bistro.localhost"]');
  await expect(device).toContainText("Kitchen phone");
  await expect(device).toContainText("Active");
  expect(await page.content()).not.toContain(password);
  await page.reload();
  await expect(device).toBeVisible();
  expect(await page.content()).not.toContain(password);

  // Regenerate, after a question: a new password, shown once.
  await device.getByRole("button", { name: /Regenerate password/ }).click();
  await device.getByRole("button", { name: "Yes, regenerate" }).click();
  await expect(dialog).toBeVisible();
  const fresh = await dialog.getByTestId("sip-password").inputValue();
  expect(fresh).toMatch(/^[0-9A-Za-z]{24}$/);
  expect(fresh).not.toBe(password);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByText("New password set: the phone registers with it from now on")).toBeVisible();
  expect(await page.content()).not.toContain(fresh);

  // Disable and enable.
  await device.getByRole("button", { name: /^Disable/ }).click();
  await expect(page.getByText("Device disabled: it can no longer register.")).toBeVisible();
  await expect(device).toContainText("Disabled");
  await device.getByRole("button", { name: /^Enable/ }).click();
  await expect(device).toContainText("Active");

  // Its caller ID: refused at the field with what was typed kept, then a French national number
  // (Bistro's country) stored in E.164.
  await device.locator("summary", { hasText: "Edit" }).click();
  await device.getByLabel("Caller ID").fill("12");
  await device.getByRole("button", { name: "Save device" }).click();
  await expect(device.getByText(/The caller ID "12" is not a valid phone number/).first()).toBeVisible();
  await expect(device.getByLabel("Caller ID")).toHaveValue("12");
  await expect(device.getByLabel("Caller ID")).toBeFocused();
  await device.getByLabel("Caller ID").fill("01 42 68 53 00");
  await device.getByRole("button", { name: "Save device" }).click();
  await expect(page.getByText("Device saved.")).toBeVisible();
  await expect(device).toContainText("Caller ID: +33142685300");

  // The extension cannot go while it has a device; then it can, and Bistro is as it was.
  await page.getByRole("button", { name: "Delete extension" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByTestId("extension-delete-problems")).toContainText("has 1 device");
  await device.getByRole("button", { name: /^Delete/ }).click();
  await device.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("Device deleted.")).toBeVisible();
  await expect(page.getByTestId("devices-empty")).toBeVisible();
  await page.getByRole("button", { name: "Delete extension" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page).toHaveURL(/\/extensions\?done=deleted$/);
  await expect(page.getByTestId("extensions").getByRole("link", { name: "2101" })).toHaveCount(0);
});

for (const viewport of VIEWPORTS) {
  test(`the extension pages pass axe and fit on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto("/extensions");
    await expectAccessible(page, "/extensions");
    await expectNoHorizontalScroll(page);
    await page.getByTestId("extensions").getByRole("link", { name: "1002" }).click();
    await expect(page.getByTestId("extension-title")).toHaveText("1002 · Front desk");
    await expect(page.locator('[data-device="1002@sip.bistro.localhost"]')).toContainText("Desk phone");
    await expectAccessible(page, "an extension's page");
    await expectNoHorizontalScroll(page);
    await page.goto("/extensions/00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, "an extension that does not exist");
  });
}
