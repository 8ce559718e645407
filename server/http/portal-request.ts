import { keyUseLimits } from "../auth/key-limits";
import { requestCookie } from "../auth/open-as";
import { appDb } from "../db/app-client";
import { poolReader } from "../db/sql-reader";
import { resolveRequestHost } from "../tenancy/request-host";
import { requestClientIp } from "./request-ip";
import { type RequestParts, type ResolvedRequest, resolveRequest } from "./resolve-request";

/** resolveRequest with the server's own parts: the request-role client, the host cache, the socket's address. */
export function resolvePortalRequest(
  parts: RequestParts,
  accept: "any" | "session" = "any",
  options: { deferSession?: boolean } = {},
): Promise<ResolvedRequest> {
  return resolveRequest(parts, {
    read: poolReader(appDb()),
    resolveHost: resolveRequestHost,
    clientIp: requestClientIp,
    accept,
    keyLimits: keyUseLimits(appDb()),
    deferSession: options.deferSession,
  });
}

/** resolvePortalRequest for a fetch Request (a route handler's): its headers and its Cookie header. */
export function resolvePortalFetchRequest(request: Request): Promise<ResolvedRequest> {
  const cookieHeader = request.headers.get("cookie");
  return resolvePortalRequest({ headers: request.headers, cookie: (name) => requestCookie(cookieHeader, name) });
}
