// Prisma's types for the rest of the code: only server/db imports the generated client itself.
export type { Prisma, PrismaClient } from "@/generated/prisma/client";
