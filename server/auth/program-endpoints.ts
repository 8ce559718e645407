/**
 * The endpoints of POST /api/auth/login, /refresh, /logout and /act-as, given the database and the
 * request resolver, so that tests call exactly what the route files call (app/api/auth/<name>/route.ts
 * pass the portal's own parts).
 *
 * Every answer is JSON; an error is `{ error: { code, reason, field, message, problems, requestId } }`
 * (server/http/error-body.ts). The reasons, besides those of REFUSALS (server/auth/principal.ts):
 *
 * | status | reason                      | when                                                        |
 * | ------ | --------------------------- | ----------------------------------------------------------- |
 * | 400    | `invalid_json`              | the body is not JSON                                        |
 * | 400    | `unsupported_content_type`  | a body that is not `application/json`                       |
 * | 400    | zod's (`invalid_email`, `too_long`, `invalid_type`, `unknown_field`, ...) with `field` | bad input |
 * | 413    | `body_too_large`            | a body over 16 KiB                                          |
 * | 401    | `credentials_invalid`       | login: unknown tenant or e-mail, wrong password, user not active, or an account not served on this host |
 * | 401    | `account_suspended`         | login with the right password to an account (or one above it) not active |
 * | 401    | `refresh_invalid`, `refresh_expired`, `refresh_reused`, `session_ended`, `user_inactive`, `account_suspended` | refresh |
 * | 401    | the access token's refusal  | logout and act-as with `Authorization: Bearer` (token_expired, tenant_mismatch, ...) |
 * | 401    | `unauthenticated`           | act-as, or logout without a refresh token, with no credential |
 * | 403    | `token_required`            | act-as or logout with a session cookie or an API key instead of an access token |
 * | 403    | `missing_permission`        | act-as by a role without `accounts:write`                   |
 * | 404    | `account_not_found`         | act-as: no such account strictly below yours (`field: "tenant"`) |
 * | 400    | `account_closed`            | act-as: the account is closed (`field: "tenant"`)           |
 * | 409    | `account_already_open`      | act-as with an act-as token (exchange your own token)       |
 * | 404    | `unknown_host`              | a host no account answers on                                |
 * | 429    | `rate_limited`              | a limit (Retry-After says how long to wait)                 |
 * | 500    | `internal_error`            | unexpected; the message names the request id, the log says the rest |
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
