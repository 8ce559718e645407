import { expect, type Page, test } from "@playwright/test";
import { e2eSql } from "../database";
import { apiUrl, cssVariable, origin, signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

// City Clinic's own domains from the first test are taken away again, so that specs after this one
// find the seeded tree (City Clinic signing in on VoiceReseller's host, its mail linking there).
test.afterAll(async () => {
  const db = await e2eSql();
  try {
    await db.query("DELETE FROM host_map WHERE hostname IN ('clinic-care.localhost', 'sip.clinic-care.localhost')");
  } finally {
    await db.end();
  }
});

const hostnameError = (page: Page) => page.locator("#domain-hostname-error");
const row = (page: Page, hostname: string) => page.locator(`li[data-hostname="${hostname}"]`);

async function addDomain(page: Page, hostname: string, kind: "Brand domain (portal address)" | "SIP domain") {
  await page.getByLabel("Host name").fill(hostname);
  await page.getByLabel("Kind").selectOption({ label: kind });
  await page.getByRole("button", { name: "Add domain" }).click();
}

test("the reseller gives a child its own brand domain, and the child's branded login answers on it", async ({
  page,
  browser,
}) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.getByRole("link", { name: "City Clinic" }).click();
  await page.getByRole("link", { name: "Domains of City Clinic" }).click();
  await expect(page.getByRole("heading", { name: "Domains of City Clinic" })).toBeVisible();
  await expect(page.getByText("No brand domains yet.")).toBeVisible();

  // The first brand domain becomes primary; a second one does not.
  await addDomain(page, " Clinic-Old.localhost ", "Brand domain (portal address)");
  await expect(page.getByRole("status")).toHaveText("Added clinic-old.localhost.");
  await expect(row(page, "clinic-old.localhost")).toContainText("Primary");
  // Under the development suffix: verified at once, nothing to publish.
  await expect(row(page, "clinic-old.localhost")).toContainText("Verified (development name)");
  await expect(row(page, "clinic-old.localhost").getByRole("button", { name: /Check now/ })).toHaveCount(0);
  await expect(page.getByLabel("Host name")).toHaveValue("");
  await addDomain(page, "clinic-care.localhost", "Brand domain (portal address)");
  await expect(page.getByRole("status")).toHaveText("Added clinic-care.localhost.");
  await expect(row(page, "clinic-care.localhost")).not.toContainText("Primary");
  await addDomain(page, "sip.clinic-care.localhost", "SIP domain");
  await expect(page.getByTestId("sip-domains")).toContainText("sip.clinic-care.localhost");

  // The primary cannot go while another brand domain remains.
  await row(page, "clinic-old.localhost").getByRole("button", { name: "Remove clinic-old.localhost" }).click();
  await row(page, "clinic-old.localhost").getByRole("button", { name: "Yes, remove" }).click();
  await expect(row(page, "clinic-old.localhost").getByRole("alert")).toHaveText(
    "clinic-old.localhost is the primary brand domain of City Clinic; make another brand domain primary first.",
  );
  await row(page, "clinic-old.localhost").getByRole("button", { name: "Cancel" }).click();

  await row(page, "clinic-care.localhost").getByRole("button", { name: "Make primary clinic-care.localhost" }).click();
  await expect(page.getByRole("status")).toHaveText("clinic-care.localhost is now primary.");
  await expect(row(page, "clinic-care.localhost")).toContainText("Primary");
  await expect(row(page, "clinic-old.localhost")).not.toContainText("Primary");

  // Removing asks first; from the keyboard, the question takes the focus and the next Tab confirms.
  await row(page, "clinic-old.localhost").getByRole("button", { name: "Remove clinic-old.localhost" }).focus();
  await page.keyboard.press("Enter");
  await expect(
    row(page, "clinic-old.localhost").getByText("Remove clinic-old.localhost from City Clinic?"),
  ).toBeFocused();
  await expect(row(page, "clinic-old.localhost")).toHaveCount(1);
  await page.keyboard.press("Tab");
  await expect(row(page, "clinic-old.localhost").getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText("Removed clinic-old.localhost.");
  await expect(row(page, "clinic-old.localhost")).toHaveCount(0);

  // The child's own address now shows the child's branded login page: its reseller's brand, and
  // no tenant field, because the host belongs to City Clinic alone.
  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const clinicPage = await visitor.newPage();
  await clinicPage.goto(`${origin("clinic-care.localhost")}/login`);
  await expect(clinicPage.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(clinicPage.getByTestId("brand-name")).toHaveText("VoiceReseller");
  expect(await cssVariable(clinicPage, "--brand-primary")).toBe("#7c3aed");
  await expect(clinicPage.getByLabel("Tenant")).toHaveCount(0);
  await clinicPage.getByLabel("Email").fill("owner@city-clinic.test");
  await clinicPage.getByLabel("Password").fill("demo-password-1");
  await clinicPage.getByRole("button", { name: "Sign in" }).click();
  await expect(clinicPage).toHaveURL(`${origin("clinic-care.localhost")}/dashboard`);
  await expect(clinicPage.getByTestId("account-name")).toHaveText("City Clinic");
  await expect(clinicPage.getByText("clinic-care.localhost").first()).toBeVisible();
  await visitor.close();
});

test("a host name in use elsewhere, a bad one, and the host one is using are refused with clear messages", async ({
  page,
}) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Domains" }).click();
  await expect(page.getByRole("heading", { name: "Domains of VoiceReseller Inc." })).toBeVisible();
  await expect(row(page, "voicereseller.localhost")).toContainText("Primary");

  // Another tenant's host: in use, without saying whose.
  await addDomain(page, "acme.localhost", "SIP domain");
  await expect(hostnameError(page)).toHaveText("acme.localhost is already in use by another account.");
  await expect(page.getByLabel("Host name")).toHaveValue("acme.localhost");
  await expect(page.getByLabel("Host name")).toHaveAttribute("aria-invalid", "true");

  // Below another tenant's domain, and a lookalike of another tenant's name.
  await addDomain(page, "x.acme.localhost", "Brand domain (portal address)");
  await expect(hostnameError(page)).toHaveText(
    "x.acme.localhost is under a domain that another account uses; a domain and the names below it belong to one account.",
  );
  await addDomain(page, "асме.localhost", "Brand domain (portal address)");
  await expect(hostnameError(page)).toHaveText(
    '"асме" can be mistaken for "acme": its letters look like Latin ones. Choose a name that cannot be mistaken for another.',
  );
  await addDomain(page, "https://portal.example.com", "Brand domain (portal address)");
  await expect(hostnameError(page)).toHaveText("Enter the host name only, without http:// or https://.");
  await addDomain(page, "localhost", "Brand domain (portal address)");
  await expect(hostnameError(page)).toHaveText(
    "localhost is the platform's own address; use a host name of your own (a subdomain of it works too).",
  );

  // Removing the address this very page came from would lock the user out.
  await row(page, "voicereseller.localhost").getByRole("button", { name: "Remove voicereseller.localhost" }).click();
  await row(page, "voicereseller.localhost").getByRole("button", { name: "Yes, remove" }).click();
  await expect(row(page, "voicereseller.localhost").getByRole("alert")).toHaveText(
    "You are using the portal at voicereseller.localhost: removing it would lock you out. Open the portal at another address to remove it.",
  );
});

test("the domains page works on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.goto("/settings/domains");
  await expect(page.getByLabel("Host name")).toBeVisible();
  await expect(row(page, "voicereseller.localhost")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a Bistro owner manages its own domains and cannot open City Clinic's", async ({ page, browser }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const clinicHref = await page.getByRole("link", { name: "City Clinic" }).getAttribute("href");
  expect(clinicHref).toMatch(/^\/accounts\/[0-9a-f-]{36}$/);

  const bistro = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    storageState: { cookies: [], origins: [] },
  });
  const bistroPage = await bistro.newPage();
  await signIn(bistroPage, { tenant: "bistro", email: "owner@bistro.test" });
  // A customer reaches its domains from its settings (the customer's menu has no Domains).
  await bistroPage.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Settings" }).click();
  await bistroPage.getByRole("link", { name: "Domains (portal and SIP)" }).click();
  await expect(bistroPage.getByRole("heading", { name: "Domains of Bistro Group" })).toBeVisible();
  await expect(bistroPage.getByText("No brand domains yet.")).toBeVisible();
  const response = await bistroPage.goto(`${clinicHref}/domains`);
  expect(response?.status()).toBe(404);
  await expect(bistroPage.getByText("City Clinic")).toHaveCount(0);
  await bistro.close();
});

test("a domain of one's own waits for its DNS record: the page shows the record and Check now explains; the host answers 404", async ({
  page,
  request,
}) => {
  const hostname = "portal.vr-e2e.example";
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  await page.goto("/settings/domains");
  await addDomain(page, hostname, "Brand domain (portal address)");
  await expect(page.getByRole("status").filter({ hasText: `Added ${hostname}.` })).toBeVisible();
  const domain = row(page, hostname);
  await expect(domain).toContainText("Not verified");
  await expect(domain).toContainText("The portal does not answer on this address until the domain is verified.");
  await expect(domain.getByTestId("record-name")).toHaveText(`_portal-verify.${hostname}`);
  await expect(domain.getByTestId("record-value")).toHaveText(/^portal-verify=[0-9a-f]{32}$/);
  await expect(domain.getByRole("button", { name: "Copy record value" })).toBeVisible();

  // Nothing is published: the check says what it looked for, and the domain stays unverified.
  await domain.getByRole("button", { name: `Check now ${hostname}` }).click();
  await expect(domain.getByRole("alert")).toContainText(`_portal-verify.${hostname}`, { timeout: 15_000 });
  await expect(domain).toContainText("Not verified");

  // Meanwhile the address is unknown: the neutral 404, nothing of the brand.
  const response = await request.get(apiUrl("/login"), { headers: { host: `${hostname}:3100` } });
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain("VoiceReseller");

  // Copying puts the value on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await domain.getByRole("button", { name: "Copy record value" }).click();
  await expect(domain.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^portal-verify=[0-9a-f]{32}$/);

  await domain.getByRole("button", { name: `Remove ${hostname}` }).click();
  await domain.getByRole("button", { name: "Yes, remove" }).click();
  await expect(row(page, hostname)).toHaveCount(0);
});
