import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { apiUrl, fillLogin, loginError, origin, signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const RESELLER_HOST = "voicereseller.localhost:3100";

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((candidate) => candidate.name === "portal.session-token");
  if (!cookie) throw new Error("no session cookie after signing in");
  return cookie.value;
}

const currentAccountWith = (request: APIRequestContext, token: string) =>
  request.get(apiUrl("/api/trpc/account.current"), {
    headers: { cookie: `portal.session-token=${token}`, host: RESELLER_HOST },
  });

test("after signing out, a copy of the session cookie gets no data from the API or from a portal page", async ({
  page,
  browser,
}) => {
  await signIn(page, { tenant: "city-clinic", email: "owner@city-clinic.test" });
  const copied = await sessionCookie(page);
  const before = await currentAccountWith(page.request, copied);
  expect(before.status()).toBe(200);
  expect(await before.text()).toContain("City Clinic");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  const after = await currentAccountWith(page.request, copied);
  expect(after.status()).toBe(401);
  expect(await after.text()).not.toContain("City Clinic");

  // Another browser that kept the cookie: every portal page goes to sign-in, showing nothing.
  const elsewhere = await browser.newContext({ baseURL: origin("voicereseller.localhost") });
  await elsewhere.addCookies([
    { name: "portal.session-token", value: copied, domain: "voicereseller.localhost", path: "/", httpOnly: true },
  ]);
  const other = await elsewhere.newPage();
  for (const path of ["/dashboard", "/audit", "/settings/branding", "/settings/domains"]) {
    await other.goto(path);
    await expect(other).toHaveURL(/\/login(\?|$)/);
    await expect(other.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(other.locator("body")).not.toContainText("City Clinic");
  }
  await elsewhere.close();
});

test("a reseller's customer cannot sign in on the platform's host, only on its brand's", async ({ browser }) => {
  const platform = await browser.newContext({ baseURL: origin("localhost") });
  const page = await platform.newPage();
  await fillLogin(page, { tenant: "bistro", email: "owner@bistro.test" });
  await expect(loginError(page)).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("body")).not.toContainText("VoiceReseller");
  await expect(page.locator("body")).not.toContainText("Bistro Group");
  await platform.close();
});

/** A tRPC mutation from the signed-in page, as the portal's own client sends it. */
async function mutate(page: Page, path: string, input: unknown): Promise<{ id: string }> {
  const answer = await page.evaluate(
    async ({ path, input }) => {
      const reply = await fetch(`/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: input }),
      });
      return { status: reply.status, body: await reply.text() };
    },
    { path, input },
  );
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body).result.data.json;
}

test("the reseller sees an account below a suspended one as suspended by it", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const limits = { maxIn: 1, maxOut: 1, maxDialer: 0 };
  const sub = await mutate(page, "accounts.create", {
    name: "Zz Sub Reseller",
    slug: "zz-sub-reseller",
    planId: "starter",
    isReseller: true,
    limits,
  });
  const customer = await mutate(page, "accounts.create", {
    parentId: sub.id,
    name: "Zz Customer",
    slug: "zz-customer",
    planId: "starter",
    isReseller: false,
    limits,
  });
  await mutate(page, "accounts.setStatus", { accountId: sub.id, status: "suspended" });

  await page.goto(`/dashboard?parent=${sub.id}`);
  const row = page.getByTestId("children").getByRole("row").filter({ hasText: "Zz Customer" });
  await expect(row.getByTestId("child-status")).toHaveText("Suspended (by Zz Sub Reseller)");
  await page.goto(`/accounts/${customer.id}`);
  await expect(page.getByTestId("managed-account-status")).toHaveText("Suspended (by Zz Sub Reseller)");
  await page.goto(`/accounts/${sub.id}`);
  await expect(page.getByTestId("managed-account-status")).toHaveText("Suspended");

  // The reseller's own pages, with a copy of its cookie after it signed out: nothing shows.
  const copied = await sessionCookie(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page
    .context()
    .addCookies([
      { name: "portal.session-token", value: copied, domain: "voicereseller.localhost", path: "/", httpOnly: true },
    ]);
  for (const path of [`/accounts/${customer.id}`, "/accounts/new", `/dashboard?parent=${sub.id}`]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.locator("body")).not.toContainText("Zz Customer");
  }
});
