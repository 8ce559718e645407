import type { Instrumentation } from "next";

/**
 * Every error Next catches while rendering a page, running a server action or a route handler:
 * logged with the request id the middleware gave the request and the digest the error page shows,
 * so that a reference a user reports leads to the details. (tRPC errors are logged by its error
 * formatter.)
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  // Loaded here: this file is also evaluated where no Node logger could run.
  const [{ requestLogger }, { REQUEST_ID_HEADER, requestIdFrom }] = await Promise.all([
    import("./server/log"),
    import("./server/request-id"),
  ]);
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = requestIdFrom({ get: () => (typeof header === "string" ? header : null) });
  const digest = error instanceof Error && "digest" in error ? error.digest : undefined;
  const details = {
    err: error,
    digest,
    method: request.method,
    path: request.path,
    routePath: context.routePath,
    routeType: context.routeType,
  };
  const log = requestLogger(requestId);
  if (isRefusal(error)) log.warn(details, "request refused");
  else log.error(details, "request failed");
};

/**
 * A procedure's refusal (signed out meanwhile, not found, forbidden) that a render let through: the
 * portal working as meant, not a fault for operators to chase. Matched by name and code, since the
 * page bundle and this file may each hold their own copy of the TRPCError class.
 */
function isRefusal(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== "TRPCError" || !("code" in error)) return false;
  return typeof error.code === "string" && error.code !== "INTERNAL_SERVER_ERROR";
}
