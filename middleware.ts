import { type NextRequest, NextResponse } from "next/server";
import { readSession, SESSION_COOKIE } from "./server/auth/session";
import { newRequestId, REQUEST_ID_HEADER } from "./server/request-id";
import { BRAND_HEADER, FORWARDED_HEADERS } from "./server/tenancy/brand-header";
import { resolveRequestHost } from "./server/tenancy/request-host";

/** Pages that need a signed-in user; everything else (login, API, assets) decides for itself. */
const PORTAL_PATHS = ["/dashboard", "/accounts", "/audit", "/settings"];

function isPortalPath(pathname: string): boolean {
  return pathname === "/" || PORTAL_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}

export async function middleware(request: NextRequest) {
  const requestId = newRequestId();
  const response = await route(request, requestId);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

async function route(request: NextRequest, requestId: string): Promise<NextResponse> {
  const forwarded = new Headers(request.headers);
  for (const name of FORWARDED_HEADERS) forwarded.delete(name);
  forwarded.set(REQUEST_ID_HEADER, requestId);

  const host = await resolveRequestHost(request.headers.get("host"));
  if (host.kind === "unknown") {
    // Neutral: no platform name, no brand, nothing that tells which platform serves this address.
    if (request.nextUrl.pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { message: "Not found" } }, { status: 404 });
    }
    return NextResponse.rewrite(new URL("/unknown-host", request.url), { status: 404 });
  }
  forwarded.set(BRAND_HEADER, host.kind === "platform" ? "platform" : host.accountId);

  if (isPortalPath(request.nextUrl.pathname)) {
    const session = await readSession(request.cookies.get(SESSION_COOKIE)?.value, host);
    if (!session) {
      // From the Host the browser used: behind `next start` request.url names the bind address.
      const login = new URL("/login", `${request.nextUrl.protocol}//${request.headers.get("host")}`);
      if (request.nextUrl.pathname !== "/") login.searchParams.set("next", request.nextUrl.pathname);
      return NextResponse.redirect(login);
    }
  }
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  runtime: "nodejs",
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
