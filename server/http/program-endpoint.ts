/**
 * The frame of an endpoint programs call outside tRPC (/api/auth/*): the request resolved by the
 * one resolver, the body read as JSON, the work done by a service, and every answer JSON: the
 * result (never cached: it may hold tokens), or the error body of server/http/error-body.ts with
 * its code, reason and field. A limit's refusal is 429 with Retry-After; anything unexpected is
 * logged under the request id and answered with nothing but that id.
 */
import { ZodError } from "zod";
import { fieldOf, reasonOf, unexpectedProblem } from "../api/error-message";
import { DomainError, type Problem, problem } from "../domain-error";
import { RetryLater } from "../limits/retry-later";
import { requestLogger } from "../log";
import { requestIdFrom } from "../request-id";
import { boundedText } from "./bounded-body";
import { errorResponse } from "./error-body";
import type { ResolvedRequest } from "./resolve-request";

/** How an endpoint resolves its request: the portal's resolver in the routes, a test's in tests. */
export type ResolveRequest = (request: Request) => Promise<ResolvedRequest>;

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** The most a body of these endpoints holds (credentials, a token, a slug): far more than enough. */
const MAX_BODY_BYTES = 16 * 1024;

type BodyProblem = { code: "BAD_REQUEST" | "PAYLOAD_TOO_LARGE"; problem: Problem };

/** The JSON body of `request`, or the problem with it. An empty body reads as `{}`. */
async function jsonBody(request: Request): Promise<{ ok: true; body: unknown } | ({ ok: false } & BodyProblem)> {
  const text = await boundedText(request, MAX_BODY_BYTES);
  if (text === null) {
    const tooLarge = problem("body_too_large", `The body may hold at most ${MAX_BODY_BYTES} bytes.`);
    return { ok: false, code: "PAYLOAD_TOO_LARGE", problem: tooLarge };
  }
  if (text.trim() === "") return { ok: true, body: {} };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    const unsupported = problem("unsupported_content_type", "Send the body as application/json.");
    return { ok: false, code: "BAD_REQUEST", problem: unsupported };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    // Not a silent catch: the client is told its body is not JSON.
    return { ok: false, code: "BAD_REQUEST", problem: problem("invalid_json", "The body is not valid JSON.") };
  }
}

function problemsOfZod(error: ZodError): [Problem, ...Problem[]] {
  const problems = error.issues.map((issue) => problem(reasonOf(issue), issue.message, fieldOf(issue.path)));
  const [first, ...rest] = problems;
  return first ? [first, ...rest] : [problem("invalid", "The request is not valid.")];
}

/** Runs `work` for `request` and answers it as programs expect. */
export async function programEndpoint<T extends object>(
  request: Request,
  resolve: ResolveRequest,
  work: (body: unknown, resolved: ResolvedRequest) => Promise<T>,
): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    const resolved = await resolve(request);
    if (resolved.host.kind === "unknown") {
      return errorResponse("NOT_FOUND", [problem("unknown_host", "Not found.")], requestId, NO_STORE);
    }
    const body = await jsonBody(request);
    if (!body.ok) return errorResponse(body.code, [body.problem], requestId, NO_STORE);
    const result = await work(body.body, resolved);
    return Response.json(result, { status: 200, headers: NO_STORE });
  } catch (error) {
    if (error instanceof DomainError) return errorResponse(error.code, error.problems, requestId, NO_STORE);
    if (error instanceof ZodError) return errorResponse("BAD_REQUEST", problemsOfZod(error), requestId, NO_STORE);
    if (error instanceof RetryLater) {
      return errorResponse("TOO_MANY_REQUESTS", [problem("rate_limited", error.message)], requestId, {
        ...NO_STORE,
        "Retry-After": String(error.retryAfterSeconds),
      });
    }
    requestLogger(requestId).error({ err: error, path: new URL(request.url).pathname }, "request failed");
    return errorResponse("INTERNAL_SERVER_ERROR", [unexpectedProblem(requestId)], requestId, NO_STORE);
  }
}
