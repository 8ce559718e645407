/**
 * Which constraint a failed write broke, wherever the driver put it: Prisma wraps the adapter's
 * error, which carries PostgreSQL's SQLSTATE (`originalCode`) and, in its message, the
 * constraint's name. Services turn the ones they expect into problems people can act on.
 */
export type Violation = {
  kind: "unique" | "foreign_key" | "exclusion" | "check";
  constraint: string | null;
  /** For a foreign key refusing a delete: the table whose rows still refer to the row. */
  referencingTable: string | null;
};

const KINDS: Record<string, Violation["kind"]> = {
  "23505": "unique",
  "23503": "foreign_key",
  "23P01": "exclusion",
  "23514": "check",
};

type Candidate = {
  originalCode?: unknown;
  originalMessage?: unknown;
  constraint?: unknown;
  cause?: unknown;
  meta?: unknown;
};

/** The constraint named in a PostgreSQL message: `... violates ... constraint "name" ...`. */
function constraintIn(message: unknown): string | null {
  if (typeof message !== "string") return null;
  return /constraint "([^"]+)"/.exec(message)?.[1] ?? null;
}

/** `update or delete on table "a" violates foreign key constraint "c" on table "b"`: b. */
function referencingTableIn(message: unknown): string | null {
  if (typeof message !== "string") return null;
  return /violates foreign key constraint "[^"]+" on table "([^"]+)"/.exec(message)?.[1] ?? null;
}

export function violationOf(error: unknown): Violation | null {
  for (let current: unknown = error, depth = 0; current && depth < 8; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as Candidate;
    if (typeof candidate.originalCode === "string" && candidate.originalCode in KINDS) {
      const kind = KINDS[candidate.originalCode] as Violation["kind"];
      const named = candidate.constraint as { index?: unknown } | undefined;
      const constraint = typeof named?.index === "string" ? named.index : constraintIn(candidate.originalMessage);
      return { kind, constraint, referencingTable: referencingTableIn(candidate.originalMessage) };
    }
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}
