import { expect, test } from "@playwright/test";
import { fillLogin, loginError } from "../helpers";

// An e-mail no other test uses: its failures count against nobody else.
const victim = { tenant: "bistro", email: "throttle-e2e@bistro.test" };

test("a client that keeps failing is answered 429 with Retry-After, and the form says how long to wait", async ({
  page,
}) => {
  await page.goto("/login");
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const attempt = () =>
    page.request.post("/api/auth/callback/credentials", {
      form: { ...victim, password: "wrong-password", csrfToken, json: "true", callbackUrl: "/dashboard" },
    });

  for (let i = 1; i <= 10; i += 1) {
    const response = await attempt();
    expect(response.status(), `attempt ${i}`).not.toBe(429);
    expect(response.headers()["retry-after"]).toBeUndefined();
  }
  const refused = await attempt();
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toMatch(/^[1-9]\d*$/);

  // The browser, from the same address, is told the same in words.
  await fillLogin(page, { ...victim, password: "wrong-password" });
  await expect(loginError(page)).toHaveText(/^Too many attempts, try again in \d+ s\.$/);
  await expect(page).toHaveURL(/\/login$/);
});
