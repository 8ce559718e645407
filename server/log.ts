import "server-only";
import pino from "pino";
import { env } from "./env";

/**
 * The server's one logger: JSON lines on stdout. What a client must never see (database errors,
 * stacks) goes here, under the request id the client was given.
 */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "portal" },
  redact: {
    paths: ["*.password", "*.cookie", "*.authorization", "*.headers.cookie", "*.headers.authorization"],
    censor: "[redacted]",
  },
});

/** The logger of one request: every line names the request id. */
export function requestLogger(requestId: string) {
  return logger.child({ requestId });
}
