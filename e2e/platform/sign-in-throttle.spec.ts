import { expect, test } from "@playwright/test";
import { fillLogin, loginError } from "../helpers";

// An e-mail no other test uses: its failures count against nobody else.
const victim = { tenant: "bistro", email: "throttle-e2e@bistro.test" };

test("a client that keeps failing is answered 429 with Retry-After, and the form says how long to wait", async ({
  page,
}) => {
  await page.goto("/login");
  // From the page itself, so that the requests come from the browser's own address, as the form's do.
  const answers = await page.evaluate(
    async (credentials) => {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const seen: { status: number; retryAfter: string | null }[] = [];
      for (let attempt = 1; attempt <= 11; attempt += 1) {
        const response = await fetch("/api/auth/callback/credentials", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...credentials, csrfToken, json: "true", callbackUrl: "/dashboard" }),
        });
        seen.push({ status: response.status, retryAfter: response.headers.get("retry-after") });
      }
      return seen;
    },
    { ...victim, password: "wrong-password" },
  );

  const failures = answers.slice(0, 10);
  expect(failures.filter((answer) => answer.status === 429 || answer.retryAfter !== null)).toEqual([]);
  expect(answers[10]?.status).toBe(429);
  expect(answers[10]?.retryAfter).toMatch(/^[1-9]\d*$/);

  await fillLogin(page, { ...victim, password: "wrong-password" });
  await expect(loginError(page)).toHaveText(/^Too many attempts, try again in \d+ s\.$/);
  await expect(page).toHaveURL(/\/login$/);
});
