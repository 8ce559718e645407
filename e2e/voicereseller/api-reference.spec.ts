import { expect, test } from "@playwright/test";
import { generateApiKey } from "../../server/auth/api-key-secret";
import { e2eDatabase } from "../database";
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

test("a program lists Bistro's people with an API key over HTTP, and a read-only key cannot write", async ({
  request,
}) => {
  // The key is made in the database as the keys page would: the page is another spec's subject.
  const { owner } = await e2eDatabase();
  const secret = generateApiKey();
  let made: { key: { accountId: string; id: string }; by: string } | undefined;
  try {
    const bistro = await owner.account.findUniqueOrThrow({ where: { slug: "bistro" }, select: { id: true } });
    const owning = await owner.user.findFirstOrThrow({ where: { accountId: bistro.id, role: "owner" } });
    const key = await owner.apiKey.create({
      data: {
        accountId: bistro.id,
        name: "e2e REST reader",
        prefix: secret.prefix,
        secretHash: new Uint8Array(secret.hash),
        scopes: ["users:read", "extensions:read"],
        createdByUserId: owning.id,
      },
      select: { id: true },
    });
    made = { key: { accountId: bistro.id, id: key.id }, by: owning.id };
    const headers = { host: "voicereseller.localhost", authorization: `Bearer ${secret.key}`, "x-tenant": "bistro" };
    const search = new URLSearchParams({ search: owning.email, limit: "10" });
    const users = await request.get(apiUrl(`/api/v1/users?${search}`), { headers });
    expect(users.status()).toBe(200);
    const page = (await users.json()) as { items: { email: string; createdAt: string }[] };
    expect(page.items.map((user) => user.email)).toContain(owning.email);
    expect(page.items[0]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const refused = await request.post(apiUrl("/api/v1/extensions"), {
      headers,
      data: { number: "4990", name: "Never made" },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "FORBIDDEN", reason: "missing_permission" } });

    const mismatch = await request.get(apiUrl("/api/v1/users"), { headers: { ...headers, "x-tenant": "city-clinic" } });
    expect(mismatch.status()).toBe(401);
    expect(await mismatch.json()).toMatchObject({ error: { reason: "tenant_mismatch" } });
  } finally {
    // Keys are never deleted: revoked, it grants nothing to a later run.
    if (made) {
      await owner.apiKey.update({
        where: { accountId_id: made.key },
        data: { revokedAt: new Date(), revokedByUserId: made.by },
      });
    }
    await owner.$disconnect();
  }
});
