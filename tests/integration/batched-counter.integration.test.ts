/**
 * Per-request limits counted in batches (server/limits/batched-counter.ts): exact on one instance,
 * shared through limits.counters across instances, nothing lost when a write fails.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "@/server/db/client";
import { runShutdownWork } from "@/server/lifecycle/shutdown";
import { BatchedCounter } from "@/server/limits/batched-counter";
import type { CounterSpec } from "@/server/limits/registry";
import { connectDemoDatabase } from "@/tests/helpers/demo-data";

let owner: PrismaClient;
let app: PrismaClient;
let otherServer: PrismaClient;

beforeAll(async () => {
  ({ owner, app } = await connectDemoDatabase());
  otherServer = createPrismaClient(inject("appUrl"), { max: 2 });
});

afterAll(async () => {
  await owner.$executeRaw`DELETE FROM limits.counters WHERE key LIKE 'batched-test-%'`;
  await Promise.all([owner.$disconnect(), app.$disconnect(), otherServer.$disconnect()]);
});

/** A limit of its own for each test, so that tests never share counts. */
const specOf = (points: number, duration = 60): CounterSpec => ({
  keyPrefix: `batched-test-${randomUUID()}`,
  points,
  duration,
});

/** What the table holds for a limit, every key together. */
async function stored(spec: CounterSpec): Promise<number> {
  const [row] = await owner.$queryRaw<{ n: bigint }[]>`
    SELECT coalesce(sum(points), 0) AS n FROM limits.counters WHERE key LIKE ${`${spec.keyPrefix}:%`}`;
  return Number(row?.n);
}

const HOUR = 3_600_000;

describe("a batched counter", () => {
  it("is exact on one instance: the hits up to the limit pass, the next is refused, before anything is written", async () => {
    const spec = specOf(5);
    const counter = new BatchedCounter(app, spec, HOUR);
    const results = [];
    for (let n = 0; n < 6; n += 1) results.push(await counter.hit("tenant-a"));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results[5]?.msBeforeNext).toBeGreaterThan(0);
    // Another key has its own count.
    expect((await counter.hit("tenant-b")).allowed).toBe(true);
    expect(await stored(spec)).toBe(0);
    await counter.flush();
    // The refused hit is not counted.
    expect(await stored(spec)).toBe(6);
    expect((await counter.hit("tenant-a")).allowed).toBe(false);
  });

  it("writes every key in one statement and learns the total of every instance", async () => {
    const spec = specOf(50);
    const here = new BatchedCounter(app, spec, HOUR);
    const there = new BatchedCounter(otherServer, spec, HOUR);
    for (let n = 0; n < 30; n += 1) expect((await here.hit("tenant")).allowed).toBe(true);
    await here.flush();
    // `there` has not written yet, so it does not know of `here`'s hits: instances may pass the
    // limit together by what they admit in one interval.
    for (let n = 0; n < 30; n += 1) expect((await there.hit("tenant")).allowed).toBe(true);
    await there.flush();
    expect(await stored(spec)).toBe(60);
    // Having written, `there` knows the total and refuses; `here` learns it at its next write.
    expect((await there.hit("tenant")).allowed).toBe(false);
    expect((await here.hit("tenant")).allowed).toBe(true);
    await here.flush();
    expect((await here.hit("tenant")).allowed).toBe(false);
    expect(await stored(spec)).toBe(61);
  });

  it("with an interval of 0 writes on every hit and refuses on the written total", async () => {
    const spec = specOf(3);
    const here = new BatchedCounter(app, spec, 0);
    const there = new BatchedCounter(otherServer, spec, 0);
    expect((await here.hit("tenant")).allowed).toBe(true);
    expect((await there.hit("tenant")).allowed).toBe(true);
    expect(await stored(spec)).toBe(2);
    expect((await here.hit("tenant")).allowed).toBe(true);
    expect((await there.hit("tenant")).allowed).toBe(false);
  });

  it("starts a new window once the old one has ended", async () => {
    const spec = specOf(2, 1);
    const counter = new BatchedCounter(app, spec, 0);
    expect((await counter.hit("tenant")).allowed).toBe(true);
    expect((await counter.hit("tenant")).allowed).toBe(true);
    expect((await counter.hit("tenant")).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await counter.hit("tenant")).allowed).toBe(true);
    expect(await stored(spec)).toBe(1);
  });

  it("keeps the hits a failed write could not store, and writes them once it can", async () => {
    const url = new URL(inject("appUrl"));
    url.pathname = "/no_such_database_for_limits";
    const broken = createPrismaClient(url.toString(), { max: 1 });
    try {
      const spec = specOf(3);
      const failing = new BatchedCounter(broken, spec, HOUR);
      expect((await failing.hit("tenant")).allowed).toBe(true);
      expect((await failing.hit("tenant")).allowed).toBe(true);
      await expect(failing.flush()).rejects.toThrow();
      // Still counted: the third passes, the fourth is refused.
      expect((await failing.hit("tenant")).allowed).toBe(true);
      expect((await failing.hit("tenant")).allowed).toBe(false);
    } finally {
      await broken.$disconnect();
    }
  });

  it("writes on its own after the interval", async () => {
    const spec = specOf(10);
    const counter = new BatchedCounter(app, spec, 50);
    await counter.hit("tenant");
    await counter.hit("tenant");
    await expect.poll(() => stored(spec), { timeout: 5_000 }).toBe(2);
  });

  it("writes the hits it holds when the server shuts down, instead of losing them with the process", async () => {
    const spec = specOf(100);
    const counter = new BatchedCounter(app, spec, HOUR);
    for (let n = 0; n < 3; n += 1) await counter.hit("tenant-a");
    expect(await stored(spec)).toBe(0);
    // Other tests' counters may fail to write here (one is given a broken client): only this one counts.
    await runShutdownWork(5_000);
    expect(await stored(spec)).toBe(3);
    // Written, it holds nothing more; a later hit is held, and written by the next shutdown.
    await runShutdownWork(5_000);
    expect(await stored(spec)).toBe(3);
    await counter.hit("tenant-a");
    await runShutdownWork(5_000);
    expect(await stored(spec)).toBe(4);
  });
});
