import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

export type { PrismaClient };

/** A Prisma client on `url`. Only server/db creates clients; everything else receives one. */
export function createPrismaClient(url: string, options: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: options.max ?? 10 }) });
}
