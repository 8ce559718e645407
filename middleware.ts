import { type NextRequest, NextResponse } from "next/server";
import { readSession, SESSION_COOKIE } from "./server/auth/session";
import { env } from "./server/env";
import { sanitizeForwardedHeaders } from "./server/http/forwarded-headers";
import { foreignOriginProblem } from "./server/http/origin-check";
import { peerIsTrustedProxy } from "./server/http/request-ip";
import { contentSecurityPolicy, createNonce } from "./server/http/security-headers";
import { newRequestId, REQUEST_ID_HEADER } from "./server/request-id";
import { BRAND_HEADER, FORWARDED_HEADERS } from "./server/tenancy/brand-header";
import { formatAuthority, parseAuthority } from "./server/tenancy/host";
import { resolveRequestHost } from "./server/tenancy/request-host";

/** Pages that need a signed-in user; everything else (login, API, assets) decides for itself. */
const PORTAL_PATHS = [
  "/dashboard",
  "/accounts",
  "/audit",
  "/settings",
  "/profile",
  "/users",
  "/extensions",
  "/numbers",
  "/departments",
  "/schedules",
  "/api-reference",
];

function isPortalPath(pathname: string): boolean {
  return pathname === "/" || PORTAL_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export async function middleware(request: NextRequest) {
  await bodyReceived(request);
  const requestId = newRequestId();
  const response = await route(request, requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

/**
 * Waits until the request's body has arrived whole. Next.js gives Node.js middleware a copy of the
 * body and, without waiting for the body to end, swaps the rest in for the route that runs next
 * (next-server.js: `finalize()` is not awaited). A route that begins reading while a large body is
 * still arriving then gets some chunks twice and loses others: 500 call records came through as
 * invalid JSON, in about one benchmark run in two (vercel/next.js#83453). Reading the copy to its
 * end first means the original has ended too, so the route reads it whole. The copy is what Next
 * already buffers (at most its 10 MB clone limit); the routes bound what they accept themselves.
 */
async function bodyReceived(request: NextRequest): Promise<void> {
  if (!request.body) return;
  const reader = request.body.getReader();
  while (!(await reader.read()).done) {
    // Each chunk is dropped as it comes: only the end matters here.
  }
}

async function route(request: NextRequest, requestId: string): Promise<NextResponse> {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { development: env.NODE_ENV === "development" });
  const secured = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", policy);
    return response;
  };

  const forwarded = new Headers(request.headers);
  for (const name of FORWARDED_HEADERS) forwarded.delete(name);
  forwarded.set(REQUEST_ID_HEADER, requestId);

  const host = await resolveRequestHost(request.headers.get("host"));
  const authority = parseAuthority(request.headers.get("host"));
  if (host.kind === "unknown" || !authority) {
    // Neutral: no platform name, no brand, nothing that tells which platform serves this address.
    if (request.nextUrl.pathname.startsWith("/api/")) {
      return secured(NextResponse.json({ error: { message: "Not found" } }, { status: 404 }));
    }
    return secured(NextResponse.rewrite(new URL("/unknown-host", request.url), { status: 404 }));
  }
  forwarded.set(BRAND_HEADER, host.kind === "platform" ? "platform" : host.accountId);
  // Absolute URLs (next-auth's, redirects) come only from the parsed Host and the known protocol.
  const { origin } = sanitizeForwardedHeaders(forwarded, {
    authority: formatAuthority(authority),
    fromTrustedProxy: peerIsTrustedProxy(),
  });

  // Server actions: Next.js refuses a foreign Origin itself, but by throwing (a 500).
  if (request.method === "POST" && request.headers.has("next-action")) {
    const problem = foreignOriginProblem(request.headers, origin);
    if (problem) return secured(new NextResponse(problem, { status: 403, headers: { "content-type": "text/plain" } }));
  }

  if (isPortalPath(request.nextUrl.pathname)) {
    // A hint, not authorisation: a signed cookie spares a signed-out visitor a page that would only
    // send them to sign in. Whether the session still holds is the resolver's answer, which every
    // page and procedure asks (server/http/resolve-request.ts); a refusal there sends them to /login.
    const session = await readSession(request.cookies.get(SESSION_COOKIE)?.value, host);
    if (!session) {
      const login = new URL("/login", origin);
      if (request.nextUrl.pathname !== "/") login.searchParams.set("next", request.nextUrl.pathname);
      return secured(NextResponse.redirect(login));
    }
  }
  // Next.js takes the nonce for its own scripts from the request's policy.
  forwarded.set("content-security-policy", policy);
  return secured(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  runtime: "nodejs",
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
