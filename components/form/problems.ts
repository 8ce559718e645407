import type { Problem } from "@/server/domain-error";

export type { Problem };

/** The messages of the problems about `field` (its input path, e.g. `limits.maxIn`), in one line; null when none. */
export function problemAt(problems: readonly Problem[], ...fields: string[]): string | null {
  const messages = problems
    .filter((each) => each.field !== null && fields.includes(each.field))
    .map((each) => each.message);
  return messages.length > 0 ? messages.join(" ") : null;
}
