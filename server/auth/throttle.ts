/**
 * Fixed-window attempt counter, checked before any password is hashed so that guessing costs the
 * guesser, not the server. In-process: each server instance counts on its own.
 */
export class AttemptThrottle {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly options: { limit: number; windowMs: number; now?: () => number }) {}

  /** Counts one attempt for `key`; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.options.now ? this.options.now() : Date.now();
    if (this.windows.size > 50_000) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.set(key, { count: 1, resetAt: now + this.options.windowMs });
      return 0;
    }
    window.count += 1;
    return window.count > this.options.limit ? Math.ceil((window.resetAt - now) / 1000) : 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
  }
}
