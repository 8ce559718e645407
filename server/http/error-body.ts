import type { Problem } from "../domain-error";

/**
 * The error body of every endpoint programs call outside tRPC's own wire format (/api/auth/*,
 * /api/v1/*): the first problem's `reason` and `field` for a client that handles one at a time,
 * every problem, and the request id to quote. Clients branch on `code` and `reason`, never on
 * `message`.
 */
export type ErrorBody = {
  error: {
    code: string;
    reason: string;
    field: string | null;
    message: string;
    problems: Problem[];
    requestId: string;
  };
};

export function errorBody(code: string, problems: readonly [Problem, ...Problem[]], requestId: string): ErrorBody {
  const [first] = problems;
  return {
    error: {
      code,
      reason: first.reason,
      field: first.field,
      message: problems.map((each) => each.message).join(" "),
      problems: [...problems],
      requestId,
    },
  };
}

/** The HTTP status of a tRPC-style error code. */
export const STATUS_OF_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_SUPPORTED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE_CONTENT: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** RFC 6750's challenge for a bearer credential that does not hold, naming the refusal's reason. */
export function bearerChallenge(reason: string): string {
  return `Bearer error="invalid_token", error_description="${reason}"`;
}

/** A JSON error response; a 401 also says, as RFC 6750 asks, that a bearer credential is expected. */
export function errorResponse(
  code: string,
  problems: readonly [Problem, ...Problem[]],
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const status = STATUS_OF_CODE[code] ?? 500;
  const extra: Record<string, string> =
    status === 401 ? { "WWW-Authenticate": bearerChallenge(problems[0].reason) } : {};
  return Response.json(errorBody(code, problems, requestId), { status, headers: { ...extra, ...headers } });
}
