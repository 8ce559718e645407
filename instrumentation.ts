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
  requestLogger(requestId).error(
    {
      err: error,
      digest,
      method: request.method,
      path: request.path,
      routePath: context.routePath,
      routeType: context.routeType,
    },
    "request failed",
  );
};
