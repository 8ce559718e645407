import { expect, test } from "@playwright/test";
import { apiUrl, cssVariable, origin, signIn } from "../helpers";

test("Bistro's owner sees VoiceReseller's brand, inherited", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByTestId("account-name")).toHaveText("Bistro Group");
  await expect(page.getByTestId("brand-name")).toHaveText("VoiceReseller");
  await expect(page.getByTestId("effective-brand-name")).toHaveText("VoiceReseller");
  await expect(page.getByText("inherited from VoiceReseller Inc.").first()).toBeVisible();
  expect(await cssVariable(page, "--brand-primary")).toBe("#7c3aed");
  // Bistro's own default and its plan and limits
  await expect(page.getByText("French")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Plan: Starter" })).toBeVisible();
  await expect(page.getByTestId("limits")).toContainText("2");
});

test("Bistro's session cookie replayed against acme.localhost is not signed in", async ({ page, browser }) => {
  const cookies = await page.context().cookies(origin("voicereseller.localhost"));
  const session = cookies.find((cookie) => cookie.name === "portal.session-token");
  expect(session, "the setup left a session cookie").toBeDefined();
  if (!session) return;
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await other.addCookies([{ ...session, domain: "acme.localhost" }]);
  const acmePage = await other.newPage();
  await acmePage.goto(`${origin("acme.localhost")}/dashboard`);
  await expect(acmePage).toHaveURL(`${origin("acme.localhost")}/login?next=%2Fdashboard`);
  await expect(acmePage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  // and the API says the same
  const replayed = { cookie: `portal.session-token=${session.value}` };
  const onAcme = await acmePage.request.get(apiUrl("/api/trpc/account.current"), {
    headers: { ...replayed, host: "acme.localhost:3100" },
  });
  expect(onAcme.status()).toBe(401);
  // the same cookie on its own brand's host is signed in: the refusal above is about the host
  const onOwnHost = await acmePage.request.get(apiUrl("/api/trpc/account.current"), {
    headers: { ...replayed, host: "voicereseller.localhost:3100" },
  });
  expect(onOwnHost.status()).toBe(200);
  expect(await onOwnHost.text()).toContain("Bistro Group");
  await other.close();
});

test("signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await signIn(page, { tenant: "city-clinic", email: "owner@city-clinic.test" });
  await expect(page.getByTestId("account-name")).toHaveText("City Clinic");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`${origin("voicereseller.localhost")}/dashboard`);
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
  await context.close();
});
