import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// server/env.ts reads the environment once, at import: each case imports the routes afresh.
const routes = {
  noop: () => import("./noop/route"),
  memory: () => import("./memory/route"),
  trpc: () => import("./trpc/[trpc]/route"),
};

describe.each(Object.entries(routes))("the benchmark's %s route", (_name, load) => {
  it("is a 404 unless BENCH_ROUTES is on", async () => {
    vi.stubEnv("BENCH_ROUTES", "false");
    const { GET } = await load();
    expect((await GET(new Request("http://localhost/api/bench/trpc/noop"))).status).toBe(404);
  });
});

it("the do-nothing route answers at once when the benchmark switches it on", async () => {
  vi.stubEnv("BENCH_ROUTES", "true");
  const { GET } = await routes.noop();
  const answer = GET();
  expect(answer.status).toBe(200);
  expect(await answer.text()).toBe("ok");
});

it("the memory route answers the process's memory when the benchmark switches it on", async () => {
  vi.stubEnv("BENCH_ROUTES", "true");
  const { GET } = await routes.memory();
  const answer = GET();
  expect(answer.status).toBe(200);
  const memory = (await answer.json()) as Record<string, unknown>;
  // Vitest runs without --expose-gc: the numbers are there, uncollected, and it says so.
  expect(memory.collected).toBe(typeof (globalThis as { gc?: unknown }).gc === "function");
  for (const field of ["rss", "heapUsed", "heapTotal", "external"]) {
    expect(memory[field]).toBeGreaterThan(0);
  }
});

it("the tRPC floor answers its do-nothing procedure when the benchmark switches it on", async () => {
  vi.stubEnv("BENCH_ROUTES", "true");
  const { GET } = await routes.trpc();
  const answer = await GET(new Request("http://localhost/api/bench/trpc/noop"));
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({ result: { data: { json: { ok: true } } } });
});
