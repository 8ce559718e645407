/**
 * The REST face (/api/v1): the published procedures (their `meta.openapi`) served by
 * trpc-to-openapi, with the tRPC route's own context (the one request resolver, then
 * contextOfRequest: a refused bearer credential stops the request with its reason) and THE error
 * body of endpoints for programs (server/http/error-body.ts) instead of the library's own.
 *
 * Programs only: the session cookie is not read here, so a page of another site cannot make a
 * browser call this API with its user's cookie (no cross-site request forgery to guard against),
 * and a request without a bearer credential is simply unauthenticated.
 */
import { TRPCError } from "@trpc/server";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import type { PrismaClient } from "@/server/db/types";
import { problem } from "../../domain-error";
import { boundedText } from "../../http/bounded-body";
import { errorResponse, STATUS_OF_CODE } from "../../http/error-body";
import type { RequestParts, ResolvedRequest } from "../../http/resolve-request";
import { retryAfterHeader } from "../../limits/retry-after-header";
import { waitedForConnection } from "../../limits/server-busy";
import { requestLogger } from "../../log";
import { requestIdFrom } from "../../request-id";
import { problemsOf, unexpectedProblem } from "../error-message";
import { appRouter } from "../root";
import { busyError, contextOfRequest } from "../trpc";
import { REST_BASE_PATH } from "./document";

/** The largest request body read (a branding logo of 256 KB is about 350 KB in base64). */
export const REST_MAX_BODY_BYTES = 1024 * 1024;

export type RestDeps = {
  db: PrismaClient;
  /** The one request resolver bound to the server's parts (or, in tests, to the test database). */
  resolve: (parts: RequestParts) => Promise<ResolvedRequest>;
};

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

class BodyTooLarge extends Error {}

/** The body as text, refusing more than REST_MAX_BODY_BYTES without reading it all. */
async function readBody(request: Request): Promise<string> {
  const text = await boundedText(request, REST_MAX_BODY_BYTES);
  if (text === null) throw new BodyTooLarge();
  return text;
}

/**
 * The request as the library reads it: a mutation without a body (POST /users/{id}/deactivate)
 * is an empty JSON object, so a program need not send `{}` and a Content-Type for nothing.
 */
async function normalised(request: Request): Promise<Request> {
  if (!BODY_METHODS.has(request.method)) return request;
  const text = await readBody(request);
  const headers = new Headers(request.headers);
  if (text.trim() === "") {
    headers.set("content-type", "application/json");
    headers.delete("content-length");
    return new Request(request.url, { method: request.method, headers, body: "{}" });
  }
  return new Request(request.url, { method: request.method, headers, body: text });
}

/** A TRPCError as THE error body, with its status, Retry-After for a limit and WWW-Authenticate for a 401. */
export function restErrorResponse(error: TRPCError, requestId: string, status: number): Response {
  const [first, ...rest] = problemsOf(error, requestId);
  const problems = first ? ([first, ...rest] as const) : ([unexpectedProblem(requestId)] as const);
  const response = errorResponse(error.code, problems, requestId, retryAfterHeader({ errors: [error] }).headers ?? {});
  if (STATUS_OF_CODE[error.code] !== undefined) return response;
  // A code the shared table does not list (UNSUPPORTED_MEDIA_TYPE, ...): the library's own status.
  return new Response(response.body, { status, headers: response.headers });
}

export async function handleRestRequest(request: Request, deps: RestDeps): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    const resolved = await deps.resolve({ headers: request.headers, cookie: () => undefined });
    let failure: TRPCError | undefined;
    let req: Request;
    try {
      req = await normalised(request);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      const tooLarge = new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: "The request body is too large." });
      return restErrorResponse(tooLarge, resolved.requestId, 413);
    }
    const response = await createOpenApiFetchHandler({
      endpoint: REST_BASE_PATH,
      req,
      router: appRouter,
      createContext: () =>
        contextOfRequest(deps.db, { ...resolved, idempotencyKey: request.headers.get("idempotency-key") }),
      onError: ({ error }) => {
        failure = error;
      },
    });
    if (response.status < 400) return response;
    const error =
      failure ?? new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `REST answered ${response.status}` });
    if (error.code === "PARSE_ERROR") {
      return errorResponse("BAD_REQUEST", [problem("invalid_json", "The body is not valid JSON.")], resolved.requestId);
    }
    return restErrorResponse(error, resolved.requestId, response.status);
  } catch (error) {
    // Before any procedure ran: a lookup that found no connection free in time is busy (503)...
    if (waitedForConnection(error)) {
      requestLogger(requestId).warn("no database connection was free in time for the lookup: answered 503");
      return restErrorResponse(busyError(), requestId, 503);
    }
    // ...anything else (the resolver's database is down) says nothing about it to the client.
    requestLogger(requestId).error({ err: error }, "REST request failed");
    return errorResponse("INTERNAL_SERVER_ERROR", [unexpectedProblem(requestId)], requestId);
  }
}
