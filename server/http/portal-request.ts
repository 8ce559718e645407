import { appDb } from "../db/app-client";
import { resolveRequestHost } from "../tenancy/request-host";
import { requestClientIp } from "./request-ip";
import { type RequestParts, type ResolvedRequest, resolveRequest } from "./resolve-request";

/** resolveRequest with the server's own parts: the request-role client, the host cache, the socket's address. */
export function resolvePortalRequest(parts: RequestParts, accept: "any" | "session" = "any"): Promise<ResolvedRequest> {
  return resolveRequest(parts, { db: appDb(), resolveHost: resolveRequestHost, clientIp: requestClientIp, accept });
}
