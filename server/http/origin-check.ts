/**
 * Why a state-changing browser request is not from this portal's own page, or null when it is.
 * The Origin must equal the request's own origin (scheme, host and port); without an Origin, a
 * browser's Sec-Fetch-Site must not say another site sent it.
 */
export function foreignOriginProblem(headers: Headers, ownOrigin: string): string | null {
  const origin = headers.get("origin");
  if (origin === null) {
    const site = headers.get("sec-fetch-site");
    return site === null || site === "same-origin" || site === "none" ? null : "Cross-site requests are refused.";
  }
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return "The Origin header is malformed.";
  }
  // An opaque origin ("null": sandboxed frames, data: URLs) is never this portal.
  if (parsed.origin === "null" || parsed.origin !== new URL(ownOrigin).origin) {
    return "Cross-site requests are refused.";
  }
  return null;
}
