import { z } from "zod";
import { Prisma } from "@/server/db/types";

// Where the PostgreSQL driver adapter reports which constraint a violation hit.
const ViolatedConstraint = z.object({
  driverAdapterError: z.object({
    cause: z.object({
      constraint: z.union([z.object({ index: z.string() }), z.object({ fields: z.array(z.string()) })]).optional(),
    }),
  }),
});

function constraintOf(error: Prisma.PrismaClientKnownRequestError): { index: string } | { fields: string[] } | null {
  const parsed = ViolatedConstraint.safeParse(error.meta);
  return parsed.success ? (parsed.data.driverAdapterError.cause.constraint ?? null) : null;
}

/** A unique violation of the index `index` (or, as some paths report it, of a key over `fields`). */
export function isUniqueViolation(error: unknown, index: string, fields: readonly string[]): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const constraint = constraintOf(error);
  if (!constraint) return false;
  return "index" in constraint
    ? constraint.index === index
    : fields.every((field) => constraint.fields.includes(field));
}

/** A foreign key refused the write: a referenced row is missing, or a referencing row remains. */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}
