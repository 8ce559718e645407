import { expect, test } from "@playwright/test";
import { apiUrl, cssVariable, origin, signIn } from "../helpers";

test("the portal on localhost shows the platform brand", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("brand-name")).toHaveText("SIP.IO");
  expect(await cssVariable(page, "--brand-primary")).toBe("#0f766e");
  await expect(page.getByText("VoiceReseller")).toHaveCount(0);
});

test("127.0.0.1 is a platform host too", async ({ page }) => {
  await page.goto(`${origin("127.0.0.1")}/login`);
  await expect(page.getByTestId("brand-name")).toHaveText("SIP.IO");
});

test("an unknown host gets a neutral 404", async ({ page }) => {
  const response = await page.goto(`${origin("nobody.localhost")}/login`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "404: Not found" })).toBeVisible();
  const text = (await page.locator("body").textContent()) ?? "";
  expect(text).not.toContain("SIP.IO");
  expect(text).not.toContain("VoiceReseller");
  const api = await page.request.get(apiUrl("/api/trpc/branding.forHost"), {
    headers: { host: "nobody.localhost:3100" },
  });
  expect(api.status()).toBe(404);
});

test("a platform-direct account signs in on the platform host", async ({ page }) => {
  await signIn(page, { tenant: "acme", email: "owner@acme.test" });
  await expect(page.getByTestId("account-name")).toHaveText("Acme Corp");
});

test("the login form works on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/login");
  const button = page.getByRole("button", { name: "Sign in" });
  await expect(button).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
});
