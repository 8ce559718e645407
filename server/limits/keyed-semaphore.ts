import { RetryLater } from "./retry-later";

type Waiter = { resolve: () => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> };
type Slot = { running: number; waiting: Waiter[] };

/**
 * At most `running` holders per key at once in this process; up to `queued` more wait, each at
 * most `maxWaitMs`, for a turn in arrival order. Anything beyond is refused at once. Refusals are
 * RetryLater, so that one key's flood is answered 429 instead of piling up on shared resources.
 */
export class KeyedSemaphore {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly options: { running: number; queued: number; maxWaitMs: number }) {}

  /** Runs `work` holding one of `key`'s places, freeing it however `work` ends. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  /** How many hold and wait for `key` now. */
  usage(key: string): { running: number; waiting: number } {
    const slot = this.slots.get(key);
    return { running: slot?.running ?? 0, waiting: slot?.waiting.length ?? 0 };
  }

  private acquire(key: string): Promise<void> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { running: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    if (slot.running < this.options.running) {
      slot.running += 1;
      return Promise.resolve();
    }
    if (slot.waiting.length >= this.options.queued) {
      return Promise.reject(new RetryLater(1000, busyMessage));
    }
    const waiting = slot.waiting;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(waiter), 1);
          reject(new RetryLater(1000, busyMessage));
        }, this.options.maxWaitMs),
      };
      waiting.push(waiter);
    });
  }

  private release(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    const next = slot.waiting.shift();
    if (next) {
      // The place passes straight to the next waiter: `running` stays as it is.
      clearTimeout(next.timer);
      next.resolve();
      return;
    }
    slot.running -= 1;
    if (slot.running === 0) this.slots.delete(key);
  }
}

const busyMessage = "Too many requests for this account at once";
