/** Where a sign-in goes when `next` is missing or not a path of this portal. */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";

const ORIGIN = "http://portal.invalid";

// C0 and C1 controls, DEL, and every Unicode space or separator: browsers strip or reinterpret
// them (`/\t/evil.example` becomes `//evil.example`), so a path holding one is never followed.
const CONTROL_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}\s]/u;

function decodedFully(value: string): string | null {
  // Decode until stable, so `%2f%5c` and `%252f` are judged as what a browser may finally see.
  let current = value;
  for (let round = 0; round < 5; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/**
 * The same-origin path a sign-in may continue to, or the dashboard. Only a relative path of this
 * origin passes: one leading `/` (not `//`), no backslash, no control or space character anywhere
 * (also after decoding), and `new URL()` must resolve it to the same origin.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  const decoded = decodedFully(next);
  if (decoded === null) return DEFAULT_AFTER_SIGN_IN;
  for (const candidate of [next, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//")) return DEFAULT_AFTER_SIGN_IN;
    if (candidate.includes("\\") || CONTROL_OR_SPACE.test(candidate)) return DEFAULT_AFTER_SIGN_IN;
  }
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (url.origin !== ORIGIN) return DEFAULT_AFTER_SIGN_IN;
  return `${url.pathname}${url.search}${url.hash}`;
}
