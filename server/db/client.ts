import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { TenantStartClient } from "./tenant-start";

export type { PrismaClient };

/** One SQL statement the client sent, as Prisma reports it (`params` is a JSON array). */
export type SentQuery = { query: string; params: string; durationMs: number };

/**
 * A Prisma client on `url`. Only server/db creates clients; everything else receives one.
 * `onQuery` sees every statement the client sends (benchmarks use it to explain a code path's SQL).
 */
export function createPrismaClient(
  url: string,
  options: { max?: number; onQuery?: (query: SentQuery) => void } = {},
): PrismaClient {
  // Every pooled connection is a TenantStartClient: a tenant transaction's BEGIN carries its tenant.
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10, Client: TenantStartClient });
  const { onQuery } = options;
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery({ query: event.query, params: event.params, durationMs: event.duration }));
  return client;
}
