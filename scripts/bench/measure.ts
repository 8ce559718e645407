import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/server/env";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";

export type Stats = { median: number; p95: number; mean: number };

/** Median, p95 and mean of `samples` (microseconds). */
function summarise(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), mean: sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1_000;
}

/** Runs `work` `warmup` times, then times it `iterations` times; microseconds per call. */
export async function measure(
  iterations: number,
  work: (i: number) => Promise<unknown>,
  warmup = Math.min(200, iterations),
): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) samples.push(await timed(() => work(i)));
  return summarise(samples);
}

/**
 * Like `measure`, for several variants at once: iteration i runs every variant once, in an order
 * that rotates with i. Variants that are compared with each other then share the same moments of
 * machine load (other processes, autovacuum, GC), so their ratio does not drift with them.
 */
export async function measureInterleaved<K extends string>(
  iterations: number,
  variants: Record<K, (i: number) => Promise<unknown>>,
  warmup = Math.min(200, iterations),
): Promise<Record<K, Stats>> {
  const names = Object.keys(variants) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let i = 0; i < warmup + iterations; i++) {
    for (let v = 0; v < names.length; v++) {
      const name = names[(i + v) % names.length] as K;
      const elapsed = await timed(() => variants[name](i));
      if (i >= warmup) samples.get(name)?.push(elapsed);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarise(samples.get(name) ?? [])])) as Record<K, Stats>;
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

/** Linux CPU time counters (all CPUs): total and `steal`, the time the hypervisor gave to other guests. */
export function cpuTimes(): { total: number; steal: number } | undefined {
  if (!existsSync("/proc/stat")) return undefined;
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal; guest time is already counted in user and nice.
  return { total: fields.slice(0, 8).reduce((sum, x) => sum + x, 0), steal: fields[7] ?? 0 };
}

/** The share of CPU time the hypervisor stole between two readings of cpuTimes(), in percent. */
export function stolenPercent(
  before: ReturnType<typeof cpuTimes>,
  after: ReturnType<typeof cpuTimes>,
): number | undefined {
  if (!before || !after || after.total === before.total) return undefined;
  return (100 * (after.steal - before.steal)) / (after.total - before.total);
}

const TICKS_PER_SECOND = 100; // Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times

/** A file of /proc, or undefined when its process has ended. */
function readProcess(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ESRCH") return undefined;
    throw error;
  }
}

/** CPU time (user + system, ms) a process has used so far, or 0 once it has ended. */
function processCpuMs(pid: number): number {
  const stat = readProcess(`/proc/${pid}/stat`);
  if (stat === undefined) return 0;
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The pids of every running process whose command is `name` (e.g. the database's backends). */
function pidsNamed(name: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry) && readProcess(`/proc/${entry}/comm`)?.trim() === name)
    .map(Number);
}

export type CpuSplit = { server: number; database: number; load: number };

/**
 * CPU time used so far (ms) by the server process, every PostgreSQL process and this process (the
 * load generator). A row's share of each is the difference of two readings: on two cores, the
 * server's event loop is what limits its requests per second.
 */
export function cpuSplit(serverPid: number | undefined): CpuSplit | undefined {
  if (serverPid === undefined || !existsSync("/proc/self/stat")) return undefined;
  return {
    server: processCpuMs(serverPid),
    database: pidsNamed("postgres").reduce((sum, pid) => sum + processCpuMs(pid), 0),
    load: processCpuMs(process.pid),
  };
}
