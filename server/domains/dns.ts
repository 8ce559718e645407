import { Resolver } from "node:dns/promises";
import { z } from "zod";
import type { TxtAnswer } from "./verification";

/** Looks up the TXT records of one name. */
export type TxtLookup = (name: string) => Promise<TxtAnswer>;

// node's resolver errors carry the DNS outcome as a code (ENODATA, ENOTFOUND, ETIMEOUT, ...).
const DnsError = z.object({ code: z.string() });

/**
 * TXT look-ups through node's resolver, asking `servers` (IP or IP:port), or the system's resolvers
 * when the list is empty. Bounded: a look-up runs inside the request's transaction, so it gives up
 * after two tries of three seconds rather than holding the transaction open.
 */
export function txtLookup(servers: readonly string[]): TxtLookup {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return async (name) => {
    try {
      // A record's text may come in several strings of at most 255 bytes: they form one value.
      const records = await resolver.resolveTxt(name);
      return { records: records.map((strings) => strings.join("")) };
    } catch (error) {
      const parsed = DnsError.safeParse(error);
      if (!parsed.success) throw error;
      return { error: parsed.data.code };
    }
  };
}
