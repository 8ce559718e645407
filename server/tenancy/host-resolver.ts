import pg from "pg";
import { isDevelopmentHostname } from "../domains/hostname";
import { parseHost } from "./host";
import { HostCache } from "./host-cache";

export type AccountStatus = "active" | "suspended" | "closed";

/**
 * A host that serves a portal. A brand host's account is never closed (closed accounts' hosts are
 * unknown); a suspended one still shows its login page, which refuses sign-in.
 */
export type HostBrand =
  | { kind: "platform"; hostname: string }
  | { kind: "brand"; hostname: string; accountId: string; slug: string; isReseller: boolean; status: AccountStatus };

export type HostResolution = HostBrand | { kind: "unknown"; reason: string };

/** A row of `app_resolve_host`, the one SQL function every host look-up goes through. */
export type ResolvedHostRow = {
  account_id: string;
  slug: string;
  is_reseller: boolean;
  status: AccountStatus;
  verified: boolean;
};

export const HOST_CHANGE_CHANNEL = "host_map_changed";

/**
 * Host -> brand account, through the database's `app_resolve_host` (the narrow service path: it
 * needs no tenant). A host that is not verified (no TXT record found yet, and not under one of
 * `developmentSuffixes`) and a closed account's host are unknown, like a host nobody has. Results
 * are cached per host; the cache is dropped whenever the database notifies `host_map_changed`
 * (host map writes, verification included; account updates, closing included), on every server
 * instance.
 */
export class HostResolver {
  private readonly cache: HostCache<HostResolution>;
  private readonly developmentSuffixes: readonly string[];
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly platformHosts: readonly string[],
    options: { ttlMs?: number; maxEntries?: number; developmentSuffixes?: readonly string[] } = {},
  ) {
    this.developmentSuffixes = options.developmentSuffixes ?? [];
    this.cache = new HostCache({ ttlMs: options.ttlMs ?? 5_000, maxEntries: options.maxEntries ?? 10_000 });
  }

  async resolve(rawHost: string | null | undefined): Promise<HostResolution> {
    const parsed = parseHost(rawHost, this.platformHosts);
    if (parsed.kind === "invalid") return { kind: "unknown", reason: parsed.reason };
    if (parsed.kind === "platform") return { kind: "platform", hostname: parsed.hostname };
    const cached = this.cache.get(parsed.hostname);
    if (cached) return cached;
    await this.startListening();
    const resolution = await this.lookup(parsed.hostname);
    this.cache.set(parsed.hostname, resolution);
    return resolution;
  }

  /** Forget every cached host (also what a change notification does). */
  invalidate(): void {
    this.cache.clear();
  }

  async close(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.listening = undefined;
    if (listener) await listener.end();
  }

  private async lookup(hostname: string): Promise<HostResolution> {
    const result = await this.pool.query<ResolvedHostRow>(
      "SELECT account_id, slug, is_reseller, status, verified FROM app_resolve_host($1)",
      [hostname],
    );
    return hostResolutionOf(hostname, result.rows[0], this.developmentSuffixes);
  }

  private startListening(): Promise<void> {
    this.listening ??= this.listen().catch((error: unknown) => {
      // Without a listener the TTL still bounds staleness; try again on the next miss.
      this.listening = undefined;
      console.error("host cache: could not listen for host changes", error);
    });
    return this.listening;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client(this.pool.options);
    client.on("notification", () => this.cache.clear());
    client.on("error", (error) => {
      console.error("host cache: change listener failed; cache dropped", error);
      this.cache.clear();
      this.listener = undefined;
      this.listening = undefined;
      client.end().catch((endError: unknown) => console.error("host cache: closing listener", endError));
    });
    await client.connect();
    await client.query(`LISTEN ${HOST_CHANGE_CHANNEL}`);
    this.listener = client;
  }
}

/**
 * What `app_resolve_host`'s answer for `hostname` means: a brand host, or unknown when no account
 * answers, its account is closed, or its domain is not verified (and not a development name).
 */
export function hostResolutionOf(
  hostname: string,
  row: ResolvedHostRow | undefined,
  developmentSuffixes: readonly string[],
): HostResolution {
  // app_resolve_host leaves closed accounts out already; this keeps the rule whole here too.
  if (!row || row.status === "closed") return { kind: "unknown", reason: "no account answers on this host" };
  if (!row.verified && !isDevelopmentHostname(hostname, developmentSuffixes)) {
    return { kind: "unknown", reason: "the host's domain is not verified" };
  }
  return {
    kind: "brand",
    hostname,
    accountId: row.account_id,
    slug: row.slug,
    isReseller: row.is_reseller,
    status: row.status,
  };
}
