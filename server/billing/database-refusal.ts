/**
 * A refusal the database raised with its own SQLSTATE (a rule a trigger enforces), found wherever
 * the driver adapter put it in the error's chain, with its DETAIL text.
 */
export function refusalDetail(error: unknown, sqlState: string): string | null {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    if (typeof current !== "object") return null;
    const candidate = current as {
      originalCode?: unknown;
      code?: unknown;
      detail?: unknown;
      cause?: unknown;
      meta?: unknown;
    };
    if ((candidate.originalCode === sqlState || candidate.code === sqlState) && typeof candidate.detail === "string") {
      return candidate.detail;
    }
    const meta = candidate.meta as { driverAdapterError?: unknown } | undefined;
    current = meta?.driverAdapterError ?? candidate.cause;
  }
  return null;
}
