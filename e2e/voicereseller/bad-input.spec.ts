import { expect, test } from "@playwright/test";
import superjson from "superjson";
import { signIn } from "../helpers";

test.use({ storageState: { cookies: [], origins: [] } });

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INTERNALS = /prisma|postgres|invalid byte sequence|invalid input syntax|\bat \S+ \(/i;

test.beforeEach(async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
});

test("a NUL byte in the dashboard's search shows what is wrong, not a server error", async ({ page }) => {
  const response = await page.goto("/dashboard?q=%00");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["x-request-id"]).toMatch(REQUEST_ID);
  await expect(page.getByText("Search cannot contain control characters")).toBeVisible();
  await expect(page.getByTestId("account-name")).toBeVisible();
  expect(await response?.text()).not.toMatch(INTERNALS);
});

test("a malformed audit cursor shows what is wrong, not a server error", async ({ page }) => {
  const response = await page.goto("/audit?after=2026-01-01T00:00:00.000Z_x");
  expect(response?.status()).toBe(200);
  await expect(page.getByText("cursor must come from a previous page")).toBeVisible();
  expect(await response?.text()).not.toMatch(INTERNALS);
});

test("the API answers bad input with its reason, its field and the request id it echoes", async ({ page }) => {
  const input = encodeURIComponent(superjson.stringify({ search: "a\u0000b" }));
  // From the signed-in page itself: the browser sends the session cookie to its own host.
  const response = await page.evaluate(async (url) => {
    const answer = await fetch(url);
    return { status: answer.status, requestId: answer.headers.get("x-request-id"), text: await answer.text() };
  }, `/api/trpc/accounts.listChildren?input=${input}`);
  expect(response.status).toBe(400);
  expect(response.requestId).toMatch(REQUEST_ID);
  expect(response.text).not.toMatch(INTERNALS);
  expect(JSON.parse(response.text)).toMatchObject({
    error: { json: { data: { reason: "control_character", field: "search", requestId: response.requestId } } },
  });
});
