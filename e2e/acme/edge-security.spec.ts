import { type APIRequestContext, expect, type Page, type Response, test } from "@playwright/test";
import { apiUrl, DEMO_PASSWORD, origin } from "../helpers";

const HOST = "acme.localhost:3100";
const SPOOFED_IP = "203.0.113.77";

// A real 1x1 PNG: the portal checks logos by their bytes.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

/** Every Content-Security-Policy violation the page reports, from the browser's own event. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(
        `${event.violatedDirective} ${event.blockedURI} on ${location.pathname} from ${event.sourceFile}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content[ -]Security[ -]Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function expectSecurityHeaders(response: Response | null) {
  expect(response, "a document response").not.toBeNull();
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["permissions-policy"]).toContain("camera=()");
}

test("pages work under their Content-Security-Policy, sign-in and the logo preview included", async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: origin("acme.localhost"),
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const violations = await recordViolations(page);

  expectSecurityHeaders(await page.goto("/login"));
  await page.getByLabel("Email").fill("owner@acme.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in runs in the page's script: it only arrives if the scripts were allowed to run.
  await expect(page).toHaveURL(/\/dashboard$/);

  expectSecurityHeaders(await page.goto("/dashboard"));
  expectSecurityHeaders(await page.goto("/settings/branding"));
  await page.getByTestId("field-branding-logo").getByRole("button", { name: "Override" }).click();
  await page.getByLabel("Logo").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  const preview = page.getByTestId("login-preview").locator("img");
  await expect(preview).toHaveAttribute("src", /^(data|blob):/);
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(1);

  // Static files carry the fixed headers too.
  const script = await page.locator("script[src]").first().getAttribute("src");
  expect(script).toBeTruthy();
  const asset = await page.request.get(apiUrl(new URL(script ?? "", origin("acme.localhost")).pathname), {
    headers: { host: HOST },
  });
  expect(asset.status()).toBe(200);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");

  expect(violations).toEqual([]);
  await context.close();
});

async function signInThroughApi(request: APIRequestContext, headers: Record<string, string>) {
  const csrf = await request.get(apiUrl("/api/auth/csrf"), { headers: { host: HOST } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post(apiUrl("/api/auth/callback/credentials"), {
    headers: { host: HOST, ...headers },
    form: { csrfToken, email: "owner@acme.test", password: DEMO_PASSWORD, tenant: "acme", json: "true" },
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(400);
}

test("a spoofed X-Forwarded-For is not the address a sign-in is recorded from", async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await signInThroughApi(request, { "x-forwarded-for": SPOOFED_IP, "x-real-ip": SPOOFED_IP });
  const input = encodeURIComponent(JSON.stringify({ json: { action: "auth.sign_in", limit: 5 } }));
  const audit = await request.get(apiUrl(`/api/trpc/audit.list?input=${input}`), { headers: { host: HOST } });
  expect(audit.status()).toBe(200);
  const body = (await audit.json()) as { result: { data: { json: { items: Array<{ ip: string | null }> } } } };
  const addresses = body.result.data.json.items.map((item) => item.ip);
  // The newest sign-in is this one, from the test runner's loopback socket.
  expect(addresses[0]).toMatch(/^(127\.0\.0\.1|::1)$/);
  expect(addresses).not.toContain(SPOOFED_IP);
  await request.dispose();
});

test("forwarded host headers from a client do not reach next-auth's URLs", async ({ request }) => {
  const providers = await request.get(apiUrl("/api/auth/providers"), {
    headers: {
      host: HOST,
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      forwarded: "host=evil.example;proto=https",
    },
  });
  const body = (await providers.json()) as { credentials: { signinUrl: string; callbackUrl: string } };
  expect(body.credentials.signinUrl).toBe(`http://${HOST}/api/auth/signin/credentials`);
  expect(body.credentials.callbackUrl).toBe(`http://${HOST}/api/auth/callback/credentials`);
});

test("a Host with user info is a neutral 404 and never comes back in a Location", async ({ request }) => {
  for (const host of [`${HOST}@evil.example`, `acme.localhost@evil.example:3100`]) {
    const response = await request.get(apiUrl("/dashboard"), { headers: { host }, maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(response.headers().location).toBeUndefined();
  }
});

test("a server action posted from another origin is refused with 403", async ({ page, request }) => {
  await page.goto("/settings/branding");
  const cookie = (await page.context().cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
  const post = (origin: string) =>
    request.post(apiUrl("/settings/branding"), {
      headers: {
        host: HOST,
        cookie,
        origin,
        "next-action": "0".repeat(40),
        "content-type": "text/plain;charset=UTF-8",
      },
      data: "[]",
      maxRedirects: 0,
    });
  expect((await post("http://evil.example")).status()).toBe(403);
  expect((await post(`https://${HOST}`)).status()).toBe(403);
  // From the portal itself the request reaches Next.js, which does not know this action.
  expect((await post(`http://${HOST}`)).status()).not.toBe(403);
});

test("after signing in, a next that leads off-site goes to the dashboard, a portal path is followed", async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: origin("acme.localhost"),
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  const signInFrom = async (next: string) => {
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill("owner@acme.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  for (const next of ["/\\evil.example/x", "/\t/evil.example", "//evil.example", "/%5cevil.example"]) {
    await signInFrom(next);
    await expect(page).toHaveURL(`${origin("acme.localhost")}/dashboard`);
    // Signed in, the login page sends the same next on without asking again.
    await page.goto(`/login?next=${encodeURIComponent(next)}`);
    await expect(page).toHaveURL(`${origin("acme.localhost")}/dashboard`);
    await context.clearCookies();
  }
  await signInFrom("/audit");
  await expect(page).toHaveURL(`${origin("acme.localhost")}/audit`);
  await context.close();
});
