/**
 * The bench's bound row (app/api/bench/trpc): tRPC's floor plus account.current's one round trip.
 * It must do the database's part of account.current exactly, or the bound it gives is not one.
 */
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import type { DemoIds } from "@/tests/helpers/demo-data";

// server/env.ts reads the environment once, at import: stub it before anything imports it.
vi.stubEnv("DATABASE_APP_URL", inject("appUrl"));
vi.stubEnv("BENCH_ROUTES", "true");
const { GET } = await import("@/app/api/bench/trpc/[trpc]/route");
const { overviewStatement } = await import("@/server/accounts/overview");
const { readAsTenant } = await import("@/server/db/tenant-read");
const { connectDemoDatabase } = await import("@/tests/helpers/demo-data");

let owner: PrismaClient;
let app: PrismaClient;
let ids: DemoIds;

beforeAll(async () => {
  ({ owner, app, ids } = await connectDemoDatabase());
});

afterAll(async () => {
  await Promise.all([owner.$disconnect(), app.$disconnect()]);
});

const read = (accountId: string) =>
  GET(
    new Request(
      `http://localhost/api/bench/trpc/read?input=${encodeURIComponent(JSON.stringify({ json: { accountId } }))}`,
    ),
  );

it("answers the rows account.current's statement reads, as that tenant", async () => {
  for (const { accountId } of [ids.voicereseller, ids.bistro]) {
    const answer = await read(accountId);
    expect(answer.status).toBe(200);
    const { result } = (await answer.json()) as { result: { data: { json: Record<string, unknown>[] } } };
    const statement = overviewStatement(accountId);
    const direct = await readAsTenant(app, accountId, (reader) => reader(statement));
    expect(result.data.json).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(result.data.json).toHaveLength(1);
  }
});

it("refuses an account id that is not a UUID before it reaches the database", async () => {
  const answer = await read("voicereseller'; --");
  expect(answer.status).toBe(400);
});
