/**
 * Every request gets an id: the middleware sets it on the request (replacing any a client sent,
 * so that one cannot pass another request's id off as its own) and echoes it in the response.
 * Logs carry it, and an unexpected error names it so a person can report what happened.
 */
export const REQUEST_ID_HEADER = "x-request-id";

export function newRequestId(): string {
  return crypto.randomUUID();
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The id the middleware gave this request, or a new one where no middleware ran (tests, scripts). */
export function requestIdFrom(headers: Pick<Headers, "get">): string {
  const id = headers.get(REQUEST_ID_HEADER);
  return id && REQUEST_ID.test(id) ? id : newRequestId();
}
