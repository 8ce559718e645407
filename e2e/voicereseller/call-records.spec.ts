import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import { createServiceKey } from "../../server/calls/platform-service-keys";
import { e2eDatabase } from "../database";
import { apiUrl, expectAccessible, expectNoHorizontalScroll, origin, PORT, signIn, VIEWPORTS } from "../helpers";

// Signed in as Bistro Group's owner, a customer of VoiceReseller.

const dollars = (minor: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);
const cents = (text: string | null) => Math.round(Number((text ?? "").replace(/[^0-9.-]/g, "")) * 100);

test("the voice platform sends Bistro's calls; Bistro sees them, what they cost and its usage by day", async ({
  page,
  request,
}) => {
  const { owner } = await e2eDatabase();
  const { key } = await createServiceKey(owner, `e2e ${randomUUID()}`);
  const bistro = await owner.account.findUniqueOrThrow({ where: { slug: "bistro" } });
  await owner.$disconnect();

  await page.goto("/billing");
  const before = cents(await page.getByTestId("wallet-balance").textContent());

  // Ten minutes to New York and a minute and a second to Paris, yesterday.
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const calls = [
    { to: "+12125550123", answeredAt: `${day}T09:00:05Z`, endedAt: `${day}T09:10:05Z` },
    { to: "+33145000000", answeredAt: `${day}T09:30:00Z`, endedAt: `${day}T09:31:01Z` },
  ].map((call, index) => ({
    callId: `e2e-${randomUUID()}`,
    accountId: bistro.id,
    direction: "out",
    startedAt: `${day}T09:${index === 0 ? "00:00" : "29:58"}Z`,
    from: "+33199001234",
    device: "1002@bistro.sip.localhost",
    ...call,
  }));
  const send = () =>
    request.post(apiUrl("/api/platform/call-records"), {
      headers: { host: "localhost:3100", authorization: `Bearer ${key}`, "content-type": "application/json" },
      data: { records: calls },
    });
  const sent = await send();
  expect(sent.status(), await sent.text()).toBe(200);
  expect(await sent.json()).toEqual({ recorded: 2, repeated: 0 });
  // The platform retries: nothing is charged twice.
  expect(await (await send()).json()).toEqual({ recorded: 0, repeated: 2 });

  // Bistro pays VoiceReseller's price: the deck's +25%. New York: 0.01/min in 6/6 -> 0.0125/min for
  // 600 s = 12.5 -> 13 cents. Paris: 0.02/min per second -> 0.025/min for 61 s -> 2.54 -> 3 cents.
  await page.goto("/billing");
  await expect(page.getByTestId("wallet-balance")).toHaveText(dollars(before - 16));
  await expect(page.getByTestId("ledger-entries").locator("tbody tr").first()).toContainText("Call charges: 2 calls");

  await page.getByRole("navigation", { name: "Billing" }).getByRole("link", { name: "Calls" }).click();
  const table = page.getByTestId("calls");
  await expect(table.locator("tbody tr")).not.toHaveCount(0);
  await page.getByLabel("Number").fill("212 555 0123");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByLabel("Number")).toHaveValue("212 555 0123");
  const newYork = table.locator("tbody tr").filter({ hasText: "+12125550123" }).first();
  await expect(newYork).toContainText("10:00");
  await expect(newYork).toContainText("$0.13");
  await page.getByLabel("Direction").selectOption("in");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("calls-empty")).toHaveText("No calls match.");

  await page.goto(`/billing/usage?from=${day}&to=${day}`);
  const row = page.getByTestId("usage-days").locator("tbody tr").filter({ hasText: day });
  await expect(row.locator("td").nth(1)).toHaveText(/^(Calls)?\s*2$/);
  await expect(row.locator("td").nth(2)).toHaveText(/11(\.0)?$/);
  await expect(row.locator("td").nth(3)).toHaveText(/\$0\.16$/);

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const path of ["/billing/calls", `/billing/usage?from=${day}&to=${day}`]) {
      await page.goto(path);
      await expectAccessible(page, `${path} on a ${viewport.name}`);
      await expectNoHorizontalScroll(page);
    }
  }
});

test("the reseller sees its margin on Bistro's calls and downloads the report as CSV", async ({ browser }) => {
  // After the test above: Bistro's two calls of yesterday. VoiceReseller paid the deck: New York
  // 600 s at 0.01/min = 10 cents; Paris 61 s at 0.02/min = 2.03 -> 3 cents. Bistro paid it 16.
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const context = await browser.newContext({
    baseURL: origin("voicereseller.localhost"),
    acceptDownloads: true,
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await signIn(page, { tenant: "voicereseller", email: "owner@voicereseller.test" });
  // The home page shows the business first: this month's revenue and margin include yesterday's calls
  // (unless yesterday was last month), and no account below is over its credit.
  await expect(page.getByRole("heading", { name: "Your business" })).toBeVisible();
  if (day.slice(0, 7) === new Date().toISOString().slice(0, 7)) {
    expect(cents(await page.getByTestId("business-revenue").textContent())).toBeGreaterThanOrEqual(16);
    expect(cents(await page.getByTestId("business-margin").textContent())).toBeGreaterThanOrEqual(3);
  }
  await expect(page.getByTestId("business-over-credit-none")).toBeVisible();
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Reports" }).click();
  await page.getByLabel("From", { exact: true }).fill(day);
  await page.getByLabel("To", { exact: true }).fill(day);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("report-revenue")).toHaveText("$0.16");
  await expect(page.getByTestId("report-cost")).toHaveText("$0.13");
  await expect(page.getByTestId("report-margin")).toHaveText("$0.03");
  const bistro = page.getByTestId("report-children").locator("tbody tr").filter({ hasText: "Bistro Group" });
  await expect(bistro).toContainText("$0.03");
  await expect(page.getByTestId("margin-chart").locator("svg").first()).toBeVisible();
  // One account's calls charted on their own, the table below unchanged.
  await page.getByLabel("Chart").selectOption({ label: "Bistro Group" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: "By day: Bistro Group" })).toBeVisible();
  await expect(page.getByLabel("Chart")).toHaveValue(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId("report-margin")).toHaveText("$0.03");
  await expectAccessible(page, "the reports page");

  const download = page.waitForEvent("download");
  await page.getByTestId("report-csv").click();
  const file = await (await download).path();
  const lines = (await readFile(file, "utf8")).trim().split("\n");
  expect(lines[0]).toBe("account,slug,calls,minutes,currency,revenue,cost,margin");
  expect(lines).toContain("Bistro Group,bistro,2,11.02,USD,0.16,0.13,0.03");

  const callsFile = page.waitForEvent("download");
  await bistro.getByRole("link", { name: "Calls of Bistro Group as CSV" }).click();
  const calls = (await readFile(await (await callsFile).path(), "utf8")).trim().split("\n");
  expect(calls).toHaveLength(3);
  expect(calls.some((line) => line.includes("+12125550123") && line.endsWith(",USD,0.13"))).toBe(true);
  await context.close();
});

test("a batch without a live service key is refused", async ({ request }) => {
  const answer = await request.post(apiUrl("/api/platform/call-records"), {
    headers: {
      host: "localhost:3100",
      authorization: `Bearer vrs_AAAAAAAA_${"A".repeat(32)}`,
      "content-type": "application/json",
    },
    data: { records: [] },
  });
  expect(answer.status()).toBe(401);
  expect(await answer.json()).toMatchObject({ error: { reason: "invalid_service_key" } });
});

test("a large batch that arrives slowly, in pieces, is read whole", async () => {
  const { owner } = await e2eDatabase();
  const { key } = await createServiceKey(owner, `e2e ${randomUUID()}`);
  const bistro = await owner.account.findUniqueOrThrow({ where: { slug: "bistro" } });
  await owner.$disconnect();
  // 300 records; the last one is wrong on purpose, so the batch is refused and nothing is written,
  // with an answer that names it: the server could only name it after reading every byte.
  const records = Array.from({ length: 300 }, (_, index) => ({
    callId: `e2e-slow-${randomUUID()}`,
    accountId: bistro.id,
    direction: "out",
    startedAt: "2026-01-15T09:00:00Z",
    answeredAt: "2026-01-15T09:00:05Z",
    durationSeconds: index === 299 ? -1 : 60,
    from: "+33199001234",
    to: "+12125550123",
    device: "1002@bistro.sip.localhost",
  }));
  const body = Buffer.from(JSON.stringify({ records }));
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        method: "POST",
        path: "/api/platform/call-records",
        headers: {
          host: `localhost:${PORT}`,
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "content-length": body.byteLength,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on("error", reject);
    // Pieces of 8 KiB, 40 ms apart: the server has the headers long before the end of the body.
    void (async () => {
      for (let offset = 0; offset < body.byteLength; offset += 8192) {
        request.write(body.subarray(offset, offset + 8192));
        await sleep(40);
      }
      request.end();
    })();
  });
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.body)).toMatchObject({
    error: { reason: "invalid_record", field: "records.299.durationSeconds" },
  });
});
