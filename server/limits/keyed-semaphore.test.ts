import { afterEach, describe, expect, it, vi } from "vitest";
import { KeyedSemaphore } from "./keyed-semaphore";
import { RetryLater } from "./retry-later";

/** A piece of work that runs until the test lets it finish. */
function gate() {
  let open: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, work: () => done };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("KeyedSemaphore", () => {
  it("runs up to `running` per key, queues up to `queued`, and refuses the rest with RetryLater", async () => {
    const semaphore = new KeyedSemaphore({ running: 2, queued: 1, maxWaitMs: 60_000 });
    const held = gate();
    const started: number[] = [];
    const runs = [1, 2, 3].map((n) =>
      semaphore.run("a", async () => {
        started.push(n);
        await held.work();
        return n;
      }),
    );
    const refused = semaphore.run("a", async () => 4).catch((error: unknown) => error);
    await settled();
    expect(started).toEqual([1, 2]);
    expect(semaphore.usage("a")).toEqual({ running: 2, waiting: 1 });
    const refusal = await refused;
    expect(refusal).toBeInstanceOf(RetryLater);
    expect(refusal).toMatchObject({ retryAfterSeconds: 1 });

    held.open();
    expect(await Promise.all(runs)).toEqual([1, 2, 3]);
    expect(started).toEqual([1, 2, 3]);
    expect(semaphore.usage("a")).toEqual({ running: 0, waiting: 0 });
  });

  it("counts each key on its own: one key's flood leaves another's places free", async () => {
    const semaphore = new KeyedSemaphore({ running: 1, queued: 0, maxWaitMs: 60_000 });
    const held = gate();
    const flooding = semaphore.run("a", held.work);
    await expect(semaphore.run("a", async () => "a again")).rejects.toBeInstanceOf(RetryLater);
    await expect(semaphore.run("b", async () => "b")).resolves.toBe("b");
    held.open();
    await flooding;
  });

  it("frees the place when the work fails", async () => {
    const semaphore = new KeyedSemaphore({ running: 1, queued: 0, maxWaitMs: 60_000 });
    await expect(semaphore.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(semaphore.usage("a")).toEqual({ running: 0, waiting: 0 });
    await expect(semaphore.run("a", async () => "next")).resolves.toBe("next");
  });

  it("gives up on a waiter after maxWaitMs with RetryLater, and the queue moves on without it", async () => {
    vi.useFakeTimers();
    const semaphore = new KeyedSemaphore({ running: 1, queued: 2, maxWaitMs: 1_000 });
    const held = gate();
    const first = semaphore.run("a", held.work);
    const waiting = semaphore.run("a", async () => "late").catch((error: unknown) => error);
    expect(semaphore.usage("a")).toEqual({ running: 1, waiting: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await waiting).toBeInstanceOf(RetryLater);
    expect(semaphore.usage("a")).toEqual({ running: 1, waiting: 0 });
    held.open();
    await first;
    expect(semaphore.usage("a")).toEqual({ running: 0, waiting: 0 });
  });
});
