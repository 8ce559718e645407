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

it("answers at once when the benchmark switches it on", async () => {
  vi.stubEnv("BENCH_ROUTES", "true");
  const { GET } = await import("./route");
  const answer = GET();
  expect(answer.status).toBe(200);
  expect(await answer.text()).toBe("ok");
});
