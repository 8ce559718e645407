import path from "node:path";
import { env } from "@/server/env";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";

export type Stats = { median: number; p95: number; mean: number };

/** Runs `work` `warmup` times, then times it `iterations` times; microseconds per call. */
export async function measure(
  iterations: number,
  work: (i: number) => Promise<unknown>,
  warmup = Math.min(200, iterations),
): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await work(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1_000);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), mean: samples.reduce((sum, x) => sum + x, 0) / samples.length };
}

export const formatStats = (s: Stats) =>
  `${s.median.toFixed(1).padStart(9)} ${s.p95.toFixed(1).padStart(9)} ${s.mean.toFixed(1).padStart(9)}`;

/** A fresh, seeded `portal_bench_test` database on the benchmarks' own embedded cluster. */
export function prepareBenchDatabase() {
  return prepareTestDatabase({
    dataDir: path.resolve(".data", "bench"),
    database: "portal_bench_test",
    port: env.EMBEDDED_PG_PORT + 20,
  });
}
