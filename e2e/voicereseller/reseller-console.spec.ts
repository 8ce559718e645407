import { expect, type Page, test } from "@playwright/test";
import { origin, signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

// A real 1x1 PNG: the portal checks logos by their bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

const previewVariable = (page: Page, name: string) =>
  page
    .getByTestId("login-preview")
    .evaluate((element, variable) => getComputedStyle(element).getPropertyValue(variable).trim(), name);

test("the reseller creates a child, brands it, sees its login page on its own domain, opens it and returns", async ({
  page,
}) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });

  // A new child account.
  await page.getByRole("link", { name: "New account" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Harbor Vet");
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue("harbor-vet");
  await page.getByLabel("Owner's name").fill("Harbor Vet Owner");
  await page.getByLabel("Owner's e-mail").fill("owner@harbor-vet.test");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("managed-account-name")).toHaveText("Harbor Vet");

  // Its own brand domain.
  await page.getByRole("link", { name: "Domains of Harbor Vet" }).click();
  await page.getByLabel("Host name").fill("harbor-vet.localhost");
  await page.getByLabel("Kind").selectOption("brand");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByRole("status")).toHaveText("Added harbor-vet.localhost.");

  // A logo and a colour, previewed before they are saved.
  await page.goto("/dashboard");
  await page.getByTestId("children").getByRole("link", { name: "Harbor Vet", exact: true }).click();
  await page.getByRole("link", { name: "Branding and defaults of Harbor Vet" }).click();
  await expect(page.getByRole("heading", { name: "Branding and defaults of Harbor Vet" })).toBeVisible();
  await expect(page.getByTestId("branding-primaryColor-now")).toHaveText("#7c3aed (from VoiceReseller Inc.)");

  const primary = page.getByTestId("field-branding-primaryColor");
  await primary.getByRole("button", { name: "Override" }).click();
  await page.getByLabel("Primary colour", { exact: true }).fill("#f59e0b");
  await expect(page.getByTestId("branding-primaryColor-error")).toContainText("too light for links on the page");
  await page.getByLabel("Primary colour", { exact: true }).fill("#0f766e");
  await expect(page.getByTestId("branding-primaryColor-error")).toHaveCount(0);
  expect(await previewVariable(page, "--brand-primary")).toBe("#0f766e");

  await page.getByTestId("field-branding-logo").getByRole("button", { name: "Override" }).click();
  await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByTestId("login-preview").locator("img")).toHaveAttribute("src", /^data:image\/png;base64,/);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByTestId("branding-primaryColor-now")).toHaveText("#0f766e (set here)");

  // The child's own login page, on its own domain: its logo and colour, no tenant to type.
  await page.goto(`${origin("harbor-vet.localhost")}/login`);
  const logo = page.getByTestId("brand-theme").locator("img");
  await expect(logo).toHaveAttribute("src", /^\/brand-assets\/[0-9a-f-]{36}\/[0-9a-f]{64}\.png$/);
  expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);
  expect(
    await page
      .getByTestId("brand-theme")
      .evaluate((element) => getComputedStyle(element).getPropertyValue("--brand-primary").trim()),
  ).toBe("#0f766e");
  await expect(page.getByLabel("Tenant")).toHaveCount(0);

  // Back on the reseller's portal: open the child, see both identities, return.
  await page.goto(`${origin("voicereseller.localhost")}/dashboard`);
  await page.getByTestId("children").getByRole("link", { name: "Harbor Vet", exact: true }).click();
  await page.getByRole("button", { name: "Open as Harbor Vet" }).click();
  const banner = page.getByTestId("open-as-banner");
  await expect(banner).toContainText("You are working in Harbor Vet as owner@voicereseller.test of VoiceReseller Inc.");
  // Opened, the portal wears the child's brand.
  expect(
    await page
      .getByTestId("brand-theme")
      .evaluate((element) => getComputedStyle(element).getPropertyValue("--brand-primary").trim()),
  ).toBe("#0f766e");
  await page.getByRole("button", { name: "Return to VoiceReseller Inc." }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId("children")).toContainText("Harbor Vet");
});

test("a logo that is not an image is refused by the server, whatever its name", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Branding" }).click();
  await page.getByTestId("field-branding-logo").getByRole("button", { name: "Override" }).click();
  await page
    .getByLabel("Logo")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("not an image at all") });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("branding-logo-error")).toHaveText(
    "The logo must be a PNG, JPEG or WebP image; this file is none of them.",
  );
});

test("the branding editor works on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.goto("/settings/branding");
  await expect(page.getByRole("heading", { name: "Branding and defaults of VoiceReseller Inc." })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const callerId = page.getByTestId("field-branding-defaultCidNumber");
  await callerId.getByRole("button", { name: "Override" }).click();
  await page.getByLabel("Default caller ID").fill("+14155550123");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("branding-defaultCidNumber-now")).toHaveText("+14155550123 (set here)");
  await callerId.getByRole("button", { name: "Reset to inherited" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("branding-defaultCidNumber-now")).toContainText("platform default");
});
