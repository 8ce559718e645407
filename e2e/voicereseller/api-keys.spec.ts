import { expect, test } from "@playwright/test";
import { apiUrl, expectAccessible, expectNoHorizontalScroll, VIEWPORTS } from "../helpers";

// Signed in as Bistro's owner (the project's saved state). The key is copied through the
// clipboard, as a person would, and used the way a program would: curl-style, with no cookie.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const HOST = "voicereseller.localhost:3100";

test("Bistro's owner creates a key, copies it once, a program uses it, and revoking it stops it at once", async ({
  page,
  playwright,
}) => {
  test.setTimeout(90_000);
  await page.goto("/settings");
  await page.getByRole("link", { name: "API keys (for your programs)" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  // A refused name keeps what was chosen; the name field takes the focus.
  await page.getByLabel("Custom").check();
  await page
    .getByTestId("api-key-custom-scopes")
    .getByRole("group", { name: "Extensions and devices" })
    .getByLabel("Read")
    .check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("api-key-problems")).toContainText("Name the key");
  await expect(page.getByLabel("Name")).toBeFocused();
  await expect(page.getByLabel("Custom")).toBeChecked();
  await expectAccessible(page, "the new key form with a problem");

  // Read only, with the keyboard.
  await page.getByLabel("Read only").check();
  await page.getByLabel("Name").fill("Nightly report");
  await page.getByLabel("Name").press("Enter");

  const dialog = page.getByRole("dialog", { name: "Your new API key" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("You will not see this key again");
  await expect(dialog).toContainText("X-Tenant: bistro");
  const key = await dialog.getByTestId("api-key-secret").inputValue();
  expect(key).toMatch(/^vrk_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
  await dialog.getByRole("button", { name: "Copy key" }).click();
  await expect(dialog.getByTestId("api-key-secret-copied")).toHaveText("Copied.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(key);
  await expectAccessible(page, "the new key dialog");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // Listed by its prefix, never again in full.
  const prefix = key.slice(0, 12);
  const row = page.locator(`[data-key="${prefix}"]`);
  await expect(page.getByText("Key created. It is listed below by its prefix")).toBeVisible();
  await expect(row).toContainText("Nightly report");
  await expect(row).toContainText("Read only");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");
  expect(await page.content()).not.toContain(key);
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(key);

  // A program, curl-style: no cookie, the key and X-Tenant.
  const program = await playwright.request.newContext();
  const call = (path: string) =>
    program.get(apiUrl(`/api/trpc/${path}`), {
      headers: { host: HOST, authorization: `Bearer ${copied}`, "x-tenant": "bistro" },
    });
  const current = await call("account.current");
  expect(current.status()).toBe(200);
  const body = (await current.json()) as { result: { data: { json: { account: { slug: string } } } } };
  expect(body.result.data.json.account.slug).toBe("bistro");
  const input = encodeURIComponent(JSON.stringify({ json: { limit: 5 } }));
  const extensions = await call(`extensions.list?input=${input}`);
  expect(extensions.status()).toBe(200);
  // Read only: a change is refused for want of the scope.
  const write = await program.post(apiUrl("/api/trpc/extensions.create"), {
    headers: {
      host: HOST,
      authorization: `Bearer ${copied}`,
      "x-tenant": "bistro",
      "content-type": "application/json",
    },
    data: { json: { number: "2999", name: "Not allowed" } },
  });
  expect(write.status()).toBe(403);

  // Its last use shows on the page.
  await page.reload();
  await expect(row.getByText(/^from /)).toBeVisible();

  // Revoked, after a question: the very next request is refused, and says why.
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("Key revoked: programs using it are refused from now on.")).toBeVisible();
  await expect(row).toContainText("Revoked");
  await expect(row).toContainText("by owner@bistro.test");
  const refused = await call("account.current");
  expect(refused.status()).toBe(401);
  const error = (await refused.json()) as { error: { json: { data: { reason: string } } } };
  expect(error.error.json.data.reason).toBe("key_revoked");
  await program.dispose();

  // The audit log names what was done, and by whom.
  await page.goto("/audit?action=api_key.revoked");
  await expect(page.getByTestId("audit-entries")).toContainText("Revoked an API key");

  // A read-and-write key's change is in the log as that key, by its name and prefix.
  await page.goto("/settings/api-keys");
  await page.getByLabel("Read and write").check();
  await page.getByLabel("Name").fill("Provisioner");
  await page.getByRole("button", { name: "Create key" }).click();
  const writer = await dialog.getByTestId("api-key-secret").inputValue();
  await dialog.getByRole("button", { name: "Done" }).click();
  const headers = { host: HOST, authorization: `Bearer ${writer}`, "x-tenant": "bistro" };
  const programWriting = await playwright.request.newContext();
  const made = await programWriting.post(apiUrl("/api/trpc/extensions.create"), {
    headers: { ...headers, "content-type": "application/json" },
    data: { json: { number: "2998", name: "Made by a key" } },
  });
  expect(made.status()).toBe(200);
  const extensionId = ((await made.json()) as { result: { data: { json: { id: string } } } }).result.data.json.id;
  await page.goto("/audit?action=extension.created");
  await expect(page.getByTestId("actor-key").first()).toHaveText(`API key Provisioner (${writer.slice(0, 12)})`);
  const removed = await programWriting.post(apiUrl("/api/trpc/extensions.delete"), {
    headers: { ...headers, "content-type": "application/json" },
    data: { json: { extensionId } },
  });
  expect(removed.status()).toBe(200);
  await programWriting.dispose();
  await page.goto("/settings/api-keys");
  const writerRow = page.locator(`[data-key="${writer.slice(0, 12)}"]`);
  await expect(writerRow).toContainText("Read and write");
  await writerRow.getByRole("button", { name: /^Revoke/ }).click();
  await writerRow.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(writerRow).toContainText("Revoked");
});

for (const viewport of VIEWPORTS) {
  test(`the API keys page passes axe and fits on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto("/settings/api-keys");
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await expectAccessible(page, "/settings/api-keys");
    await expectNoHorizontalScroll(page);
    await page.getByLabel("Custom").check();
    await expect(page.getByTestId("api-key-custom-scopes")).toBeVisible();
    await expectAccessible(page, "/settings/api-keys with custom permissions");
    await expectNoHorizontalScroll(page);
  });
}
