/**
 * The endpoints of POST /api/auth/login, /refresh, /logout and /act-as, given the database and the
 * request resolver, so that tests call exactly what the route files call (app/api/auth/<name>/route.ts
 * pass the portal's own parts).
 */
import type { PrismaClient } from "../db/types";
import { programEndpoint, type ResolveRequest } from "../http/program-endpoint";
import { actAs, logIn, logOut, refreshTokens } from "./program-auth";

export type EndpointDeps = { db: PrismaClient; resolve: ResolveRequest };

export function loginEndpoint(request: Request, { db, resolve }: EndpointDeps): Promise<Response> {
  return programEndpoint(request, resolve, (body, resolved) => logIn(db, resolved.host, body, resolved.ip));
}

export function refreshEndpoint(request: Request, { db, resolve }: EndpointDeps): Promise<Response> {
  return programEndpoint(request, resolve, (body, resolved) => refreshTokens(db, body, resolved.ip));
}

export function logoutEndpoint(request: Request, { db, resolve }: EndpointDeps): Promise<Response> {
  return programEndpoint(request, resolve, (body, resolved) => logOut(db, resolved, body));
}

export function actAsEndpoint(request: Request, { db, resolve }: EndpointDeps): Promise<Response> {
  return programEndpoint(request, resolve, (body, resolved) => actAs(db, resolved, body));
}
