// Prisma's types (and its error classes) for the rest of the code: only server/db imports the
// generated client itself.

export type { PrismaClient } from "@/generated/prisma/client";
export { Prisma } from "@/generated/prisma/client";
