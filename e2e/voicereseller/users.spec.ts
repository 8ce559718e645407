import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectNoHorizontalScroll, origin, signIn, VIEWPORTS } from "../helpers";
import { waitForMailTo } from "../mailbox";

test.use({ storageState: { cookies: [], origins: [] } });

const STARTER_REFUSAL = "The Starter plan allows 5 users; upgrade the plan for more.";
const stamp = () => Date.now().toString(36);
const menu = (page: Page) => page.getByRole("navigation", { name: "Portal" });

/** Fills and sends the invitation form (on /users/new); answers whether the plan refused it. */
async function invite(page: Page, person: { email: string; name: string; role?: string }): Promise<"sent" | "refused"> {
  await page.getByLabel("E-mail", { exact: true }).fill(person.email);
  await page.getByLabel("Name", { exact: true }).fill(person.name);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: person.role ?? "Member" });
  await page.getByRole("button", { name: "Send invitation" }).click();
  const refusal = page.locator("#invite-email-error");
  const sent = page.getByRole("status").filter({ hasText: "Invitation sent." });
  await expect(refusal.or(sent)).toBeVisible();
  return (await refusal.isVisible()) ? "refused" : "sent";
}

/** Deactivates the person with `email` from their page, after the confirmation. */
async function deactivate(page: Page, email: string) {
  await page.goto(`/users?q=${encodeURIComponent(email)}`);
  await page.getByTestId("users").getByRole("link").first().click();
  await page.getByRole("button", { name: /^(Deactivate|Withdraw invitation)…$/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(page.getByRole("status")).toHaveText("User deactivated.");
  await expect(page.locator("[data-user-status]")).toHaveText("Deactivated");
}

test("Bistro's owner invites people until Starter's limit refuses one, keeps what was typed, then frees the seats", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, { tenant: "bistro", email: "owner@bistro.test" });
  await menu(page).getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.getByTestId("users")).toContainText("owner@bistro.test");

  const run = stamp();
  const invited: string[] = [];
  let refusedEmail: string | null = null;
  for (let index = 0; index < 6 && !refusedEmail; index += 1) {
    await page.goto("/users");
    await page.getByRole("link", { name: "Invite a user" }).click();
    const email = `seat-${index}-${run}@bistro-e2e.test`;
    if ((await invite(page, { email, name: `Seat ${index}` })) === "refused") refusedEmail = email;
    else invited.push(email);
  }
  expect(refusedEmail, "Starter's sixth user is refused").not.toBeNull();
  await expect(page.locator("#invite-email-error")).toHaveText(STARTER_REFUSAL);
  await expect(page.getByTestId("invite-problems")).toHaveText(STARTER_REFUSAL);
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(refusedEmail ?? "");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`Seat ${invited.length}`);

  // The list shows them invited; a search finds one; nothing of the refused one was written.
  await page.goto(`/users?status=invited&q=${run}`);
  await expect(page.getByTestId("user-row")).toHaveCount(invited.length);
  await expect(page.getByTestId("users")).not.toContainText(refusedEmail ?? "");

  // The seats go back, so the rest of the suite finds Bistro as it was.
  for (const email of invited) await deactivate(page, email);
  await page.goto(`/users?status=deactivated&q=${run}`);
  await expect(page.getByTestId("user-row")).toHaveCount(invited.length);
});

test("a duplicate address is refused at its field, and the form is usable with the keyboard alone", async ({
  page,
}) => {
  await signIn(page, { tenant: "bistro", email: "owner@bistro.test" });
  await page.goto("/users/new");
  await page.getByLabel("E-mail", { exact: true }).focus();
  await page.keyboard.type("Owner@Bistro.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Owner Again");
  await page.keyboard.press("Enter");
  const error = page.locator("#invite-email-error");
  await expect(error).toHaveText("This account already has a user with the email address owner@bistro.test.");
  await expect(page.getByLabel("E-mail", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Owner Again");
});

test("one's own page: the role cannot be changed and there is no way to deactivate oneself", async ({ page }) => {
  await signIn(page, { tenant: "bistro", email: "owner@bistro.test" });
  await page.goto("/users");
  await page.getByTestId("users").getByRole("link", { name: /Owner/ }).first().click();
  await expect(page.getByLabel("Role", { exact: true })).toBeDisabled();
  await expect(page.getByText("You cannot change your own role.")).toBeVisible();
  await expect(page.getByText("You cannot deactivate yourself.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Deactivate/ })).toHaveCount(0);
});

test("the VoiceReseller owner creates a customer and invites its owner, who follows the mailed link and signs in", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const slug = `first-owner-${stamp()}`;
  await page.goto("/accounts/new");
  await page.getByLabel("Name", { exact: true }).fill("First Owner Bakery");
  await page.getByLabel("Slug", { exact: true }).fill(slug);
  // The owner is required in the form: an empty one is refused at its fields, and nothing is created.
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#owner-name-error")).toHaveText("Enter a name");
  await expect(page.locator("#owner-email-error")).toHaveText("Enter an email address");
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue(slug);

  await page.getByLabel("Owner's name").fill("Bea Baker");
  await page.getByLabel("Owner's e-mail").fill(`bea@${slug}.test`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toHaveText("Account created.");

  // Working in the new account, its one user is the invited owner.
  await page.getByRole("button", { name: "Open as First Owner Bakery" }).click();
  await expect(page.getByTestId("open-as-banner")).toBeVisible();
  await menu(page).getByRole("link", { name: "Users" }).click();
  const row = page.getByTestId("user-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`bea@${slug}.test`);
  await expect(row.locator("[data-role]")).toHaveText("Owner");
  await expect(row.locator("[data-user-status]")).toHaveText("Invited");
  await page.getByRole("button", { name: "Return to VoiceReseller Inc." }).click();

  // The invitee, in a browser of their own, follows the mailed link on the reseller's brand host.
  const mail = await waitForMailTo(`bea@${slug}.test`);
  const link = mail.links.find((each) => each.includes("/invitation?token=")) ?? "";
  expect(new URL(link).origin).toBe(origin("voicereseller.localhost"));
  const invitee = await browser.newPage({ storageState: { cookies: [], origins: [] } });
  await invitee.goto(link);
  await expect(invitee.getByTestId("invitation-summary")).toContainText("First Owner Bakery");
  await invitee.getByLabel("Your name").fill("Bea Baker");
  await invitee.getByLabel("New password").fill("bea's first password");
  await invitee.getByLabel("Repeat the password").fill("bea's first password");
  await invitee.getByRole("button", { name: "Accept and continue" }).click();
  await expect(invitee).toHaveURL(/\/login\?/);
  const tenant = invitee.getByLabel("Tenant");
  if ((await tenant.count()) > 0 && (await tenant.inputValue()) === "") await tenant.fill(slug);
  await expect(invitee.getByLabel("Email")).toHaveValue(`bea@${slug}.test`);
  await invitee.getByLabel("Password").fill("bea's first password");
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee).toHaveURL(/\/dashboard$/);
  expect(new URL(invitee.url()).origin).toBe(origin("voicereseller.localhost"));
  await expect(invitee.getByTestId("signed-in-as")).toContainText(`bea@${slug}.test · First Owner Bakery`);
  await invitee.close();
});

for (const viewport of VIEWPORTS) {
  test(`the users pages pass axe and fit a ${viewport.name}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    await signIn(page, { tenant: "bistro", email: "owner@bistro.test" });
    for (const path of ["/users", "/users?q=nobody-matches-this", "/users/new"]) {
      await page.goto(path);
      await expectAccessible(page, path);
      await expectNoHorizontalScroll(page);
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Invite a user to Bistro Group");
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByTestId("invite-problems")).not.toBeEmpty();
    await expectAccessible(page, "the invitation form with problems");

    const email = `axe-${viewport.name}-${stamp()}@bistro-e2e.test`;
    await page.goto("/users/new");
    expect(await invite(page, { email, name: "Axe Check", role: "Manager" })).toBe("sent");
    // The title is streamed after the page's body on a client navigation: wait for it.
    await expect(page).toHaveTitle(/Axe Check/);
    await expectAccessible(page, "a user's page");
    await expectNoHorizontalScroll(page);
    await page.getByRole("button", { name: "Withdraw invitation…" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectAccessible(page, "the deactivation dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await deactivate(page, email);
    await page.goto("/users?q=nobody-matches-this");
    await expect(page.getByTestId("users-empty")).toContainText("Nobody matches this search");
  });
}
