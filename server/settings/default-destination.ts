import { DomainError, problem } from "../domain-error";
import type { DestinationKind } from "./destination";

/** The foreign keys that make a destination the account's default (migration 20261130060000). */
const DEFAULT_DESTINATION_KEYS: Record<string, DestinationKind> = {
  accounts_default_extension_fk: "extension",
  accounts_default_department_fk: "department",
  accounts_default_schedule_fk: "schedule",
};

const FOREIGN_KEY_VIOLATION = "23503";

/**
 * Which kind of destination the database refused to delete because it is the account's default
 * (the foreign key's ON DELETE RESTRICT), wherever the driver put the error; null for any other error.
 */
export function defaultDestinationInUse(error: unknown): DestinationKind | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as {
      originalCode?: unknown;
      originalMessage?: unknown;
      constraint?: { index?: unknown };
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (candidate.originalCode === FOREIGN_KEY_VIOLATION) {
      const named = candidate.constraint?.index;
      const text = typeof candidate.originalMessage === "string" ? candidate.originalMessage : "";
      const key = Object.keys(DEFAULT_DESTINATION_KEYS).find((name) => name === named || text.includes(`"${name}"`));
      return key ? (DEFAULT_DESTINATION_KEYS[key] ?? null) : null;
    }
    current = candidate.meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}

/**
 * Runs `work` (a delete of an extension, department or schedule) and turns the database's refusal
 * to delete the account's default destination into the `default_destination` problem (CONFLICT):
 * choose another default in Settings first. Other errors pass through untouched.
 */
export async function withDefaultDestinationGuard<T>(work: () => Promise<T>, field: string | null = "id"): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const kind = defaultDestinationInUse(error);
    if (!kind) throw error;
    throw new DomainError(
      "CONFLICT",
      problem(
        "default_destination",
        `This ${kind} is where the account's unrouted numbers go, so it cannot be deleted. Choose another default destination in Settings first.`,
        field,
      ),
    );
  }
}
