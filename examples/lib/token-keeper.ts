/**
 * Keeps a program's access token usable: logs in once, hands out the current access token,
 * refreshes it shortly before it expires, and refreshes it when the portal has refused it as
 * expired anyway (a clock that runs slow, a machine that slept). Refreshes are single-flight: a
 * refresh token works once, and presenting it twice would make the portal revoke the whole family
 * (refresh_reused), so concurrent callers wait for the one refresh in progress.
 */
import type { AuthApi, Credentials, TokenPair } from "./auth-api";

/** What the tRPC client needs from whoever keeps the tokens (examples/lib/portal-client.ts). */
export type AccessTokenSource = {
  /** A token to send now; refreshes first when the current one is about to expire. */
  accessToken(): Promise<string>;
  /** The slug to send as X-Tenant with it. */
  tenant(): string;
  /**
   * The portal refused `token` as expired: whether a retry may help (the next accessToken() then
   * refreshes, or already has a newer token).
   */
  rejected(token: string | undefined): boolean;
};

export type Clock = () => number;

export type TokenEvent =
  | { kind: "login"; tenant: string; expiresIn: number }
  /** `secondsLeft`: how long the old token had left by this machine's clock (negative: expired). */
  | { kind: "refreshed"; why: "expiring" | "rejected"; secondsLeft: number; expiresIn: number }
  | { kind: "logout" };

type Held = { pair: TokenPair; expiresAtMs: number };

/** Refresh when less than this part of the token's life is left, and at most this long before. */
const EARLY_FRACTION = 0.25;
const EARLY_MAX_MS = 30_000;

export class TokenKeeper implements AccessTokenSource {
  #held: Held | null = null;
  #stale = false;
  #refreshing: Promise<string> | null = null;
  #refreshes = 0;

  constructor(
    private readonly auth: AuthApi,
    private readonly options: { clock?: Clock; onEvent?: (event: TokenEvent) => void } = {},
  ) {}

  async login(credentials: Credentials): Promise<TokenPair> {
    const pair = await this.auth.login(credentials);
    this.#hold(pair);
    this.options.onEvent?.({ kind: "login", tenant: pair.tenant, expiresIn: pair.expiresIn });
    return pair;
  }

  tenant(): string {
    return this.#current().pair.tenant;
  }

  /** How many times the token has been refreshed. */
  get refreshes(): number {
    return this.#refreshes;
  }

  /** Milliseconds until the current access token expires (by this machine's clock). */
  expiresInMs(): number {
    return this.#current().expiresAtMs - this.#now();
  }

  /** The access token held now, as it is (for showing that an old one stops working). */
  heldToken(): string {
    return this.#current().pair.accessToken;
  }

  async accessToken(): Promise<string> {
    const held = this.#current();
    if (this.#refreshing) return this.#refreshing;
    if (this.#stale) return this.#refresh("rejected");
    const lifetimeMs = held.pair.expiresIn * 1000;
    const earlyMs = Math.min(EARLY_MAX_MS, lifetimeMs * EARLY_FRACTION);
    if (held.expiresAtMs - this.#now() <= earlyMs) return this.#refresh("expiring");
    return held.pair.accessToken;
  }

  rejected(token: string | undefined): boolean {
    if (token === undefined || !this.#held) return false;
    // A newer token is already held (or on its way): the retry carries that one.
    if (token !== this.#held.pair.accessToken) return true;
    this.#stale = true;
    return true;
  }

  /** Revokes the refresh token (and with it the family's access tokens). */
  async logout(): Promise<void> {
    const held = this.#held;
    if (!held) return;
    // A refresh in flight rotates the refresh token: revoke the one it leaves. Its failure, if any,
    // was reported to the call that asked for a token.
    if (this.#refreshing) await Promise.allSettled([this.#refreshing]);
    await this.auth.logout((this.#held ?? held).pair.refreshToken);
    this.#held = null;
    this.options.onEvent?.({ kind: "logout" });
  }

  #refresh(why: "expiring" | "rejected"): Promise<string> {
    const { pair: old, expiresAtMs } = this.#current();
    const secondsLeft = Math.round((expiresAtMs - this.#now()) / 1000);
    this.#refreshing = this.auth
      .refresh(old.refreshToken)
      .then((pair) => {
        this.#hold(pair);
        this.#refreshes += 1;
        this.options.onEvent?.({ kind: "refreshed", why, secondsLeft, expiresIn: pair.expiresIn });
        return pair.accessToken;
      })
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  #hold(pair: TokenPair) {
    // Scheduled from the lifetime the portal gives, on this machine's clock: a skewed clock does
    // not make a fresh token look expired.
    this.#held = { pair, expiresAtMs: this.#now() + pair.expiresIn * 1000 };
    this.#stale = false;
  }

  #current(): Held {
    if (!this.#held) throw new Error("not signed in: call login() first");
    return this.#held;
  }

  #now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
