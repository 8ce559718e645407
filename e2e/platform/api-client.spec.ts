import { expect, test } from "@playwright/test";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../../server/api/root";
import { origin, signIn } from "../helpers";

// A program using the API through the typed tRPC client, as outside programs do.
function apiClient(cookie?: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${origin("localhost")}/api/trpc`,
        transformer: superjson,
        headers: cookie ? { cookie } : {},
      }),
    ],
  });
}

test("a typed client reads the host's branding without signing in", async () => {
  const branding = await apiClient().branding.forHost.query();
  expect(branding.effective.brandName).toEqual({ value: "SIP.IO", source: { kind: "platform" } });
  expect(branding.fixedTenant).toBeNull();
});

test("tenant procedures answer UNAUTHORIZED without a session", async () => {
  const error = await apiClient()
    .account.current.query()
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(TRPCClientError);
  expect((error as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
});

test("with a session cookie the client gets its own account, and bad input a clear message", async ({ page }) => {
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  const session = (await page.context().cookies()).find((cookie) => cookie.name === "portal.session-token");
  expect(session).toBeDefined();
  const client = apiClient(`portal.session-token=${session?.value}`);
  const current = await client.account.current.query();
  expect(current.account.slug).toBe("voicereseller");
  const children = await client.accounts.listChildren.query({ limit: 1 });
  expect(children.items.map((child) => child.slug)).toEqual(["bistro"]);
  expect(children.nextCursor).toBe("bistro");
  const error = await client.accounts.listChildren.query({ limit: 0 }).catch((caught: unknown) => caught);
  expect((error as TRPCClientError<AppRouter>).data?.code).toBe("BAD_REQUEST");
  expect((error as TRPCClientError<AppRouter>).message).toBe("limit must be a whole number from 1 to 100");
});

test("a cross-site form POST carrying the session cookie is refused", async ({ page, request }) => {
  await signIn(page, { tenant: "acme", email: "owner@acme.test" });
  const session = (await page.context().cookies()).find((cookie) => cookie.name === "portal.session-token");
  const response = await request.post(`${origin("localhost")}/api/trpc/account.current`, {
    headers: {
      cookie: `portal.session-token=${session?.value}`,
      "content-type": "application/x-www-form-urlencoded",
      origin: "http://evil.example",
    },
    data: "a=1",
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("application/json");
});
