import { foreignOriginProblem } from "../http/origin-check";

/**
 * Browser mutations must be same-origin JSON: tRPC's fetch adapter would otherwise accept a form
 * POST from another site as a mutation carrying the victim's cookie. Requests without the session
 * cookie (programs with a bearer token) are not at risk and pass. `ownOrigin` is the request's
 * own origin (scheme, host and port) as the middleware established it.
 */
export function crossSiteProblem(request: Request, hasSessionCookie: boolean, ownOrigin: string): string | null {
  if (request.method !== "POST" || !hasSessionCookie) return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    return "Mutations must be sent as application/json.";
  }
  if (request.headers.get("origin") === null && request.headers.get("sec-fetch-site") !== "same-origin") {
    return "Cross-site requests are refused.";
  }
  return foreignOriginProblem(request.headers, ownOrigin);
}
