import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// server/env.ts reads the environment once, at import: each case imports the route afresh.
it("is a 404 unless BENCH_ROUTES is on", async () => {
  vi.stubEnv("BENCH_ROUTES", "false");
  const { GET } = await import("./route");
  expect(GET().status).toBe(404);
});

it("answers the process's memory when the benchmark switches it on", async () => {
  vi.stubEnv("BENCH_ROUTES", "true");
  const { GET } = await import("./route");
  const answer = GET();
  expect(answer.status).toBe(200);
  const memory = (await answer.json()) as Record<string, unknown>;
  // Vitest runs without --expose-gc: the numbers are there, uncollected, and it says so.
  expect(memory.collected).toBe(typeof (globalThis as { gc?: unknown }).gc === "function");
  for (const field of ["rss", "heapUsed", "heapTotal", "external"]) {
    expect(memory[field]).toBeGreaterThan(0);
  }
});
