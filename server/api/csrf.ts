/**
 * Browser mutations must be same-origin JSON: tRPC's fetch adapter would otherwise accept a form
 * POST from another site as a mutation carrying the victim's cookie. Requests without the session
 * cookie (programs with a bearer token) are not at risk and pass.
 */
export function crossSiteProblem(request: Request, hasSessionCookie: boolean): string | null {
  if (request.method !== "POST" || !hasSessionCookie) return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    return "Mutations must be sent as application/json.";
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return null;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin && host) {
    try {
      if (new URL(origin).host === host) return null;
    } catch {
      return "The Origin header is malformed.";
    }
  }
  return "Cross-site requests are refused.";
}
