import { expect, test } from "@playwright/test";
import { apiUrl, expectAccessible, expectNoHorizontalScroll, VIEWPORTS } from "../helpers";

// Signed in as Bistro Group's owner (the project's saved state).

for (const viewport of VIEWPORTS) {
  test(`the REST reference is reached from Settings, lists the endpoints and passes axe on a ${viewport.name}`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto("/settings");
    await page.getByRole("link", { name: "REST API reference (for programs)" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "REST API reference" })).toBeVisible();

    const users = page.getByRole("region", { name: "users", exact: true });
    await expect(users.getByRole("heading", { level: 3, name: "GET /api/v1/users", exact: true })).toBeVisible();
    const list = users.getByRole("article", { name: "GET /api/v1/users", exact: true });
    await expect(list.getByRole("table", { name: "Parameters" })).toContainText("X-Tenant");
    await expect(list.getByRole("table", { name: "Parameters" })).toContainText("limit");
    await expect(list.locator("pre")).toContainText('-H "X-Tenant: bistro"');
    await expect(list.locator("pre")).toContainText('-H "Authorization: Bearer $TOKEN"');

    const invite = users.getByRole("article", { name: "POST /api/v1/users", exact: true });
    await expect(invite.getByRole("table", { name: "Body (JSON)" })).toContainText("email");

    await expectAccessible(page, "the REST API reference");
    await expectNoHorizontalScroll(page);
  });
}

test("the REST face serves its OpenAPI document and refuses a browser's cookie", async ({ page, request }) => {
  const headers = { host: "voicereseller.localhost" };
  const document = await request.get(apiUrl("/api/v1/openapi.json"), { headers });
  expect(document.status()).toBe(200);
  const body = (await document.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(body.openapi).toMatch(/^3\./);
  expect(Object.keys(body.paths)).toContain("/users");

  // From the signed-in page itself, so the session cookie goes along: /api/v1 is for programs and does not read it.
  await page.goto("/dashboard");
  const users = await page.evaluate(async () => {
    const response = await fetch("/api/v1/users");
    return { status: response.status, body: (await response.json()) as unknown };
  });
  expect(users.status).toBe(401);
  expect(users.body).toMatchObject({ error: { code: "UNAUTHORIZED", reason: "unauthenticated" } });
});
