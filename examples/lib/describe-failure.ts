/**
 * One line saying why the program stopped, built from the machine-readable parts of the refusal
 * (HTTP status, reason, field, request id), which is what a program should branch on.
 */
import { isTRPCClientError } from "@trpc/client";
import type { AppRouter } from "voice-reseller-portal/client";
import { ApiRefusal } from "./auth-api";

function fromRefusal(refusal: ApiRefusal): string {
  const { field, requestId, retryAfterSeconds } = refusal.details;
  return [
    `${refusal.what}: HTTP ${refusal.status} ${refusal.reason}: ${refusal.message}`,
    field ? ` (field ${field})` : "",
    retryAfterSeconds !== undefined ? ` (retry after ${retryAfterSeconds} s)` : "",
    requestId ? ` [request ${requestId}]` : "",
  ].join("");
}

export function describeFailure(error: unknown): string {
  if (error instanceof ApiRefusal) return fromRefusal(error);
  if (isTRPCClientError<AppRouter>(error)) {
    // A refresh that failed while a call was being prepared surfaces as the call's error.
    if (error.cause instanceof ApiRefusal) return fromRefusal(error.cause);
    const data = error.data;
    if (!data) return `tRPC call: ${error.message} (is the portal running at that address?)`;
    return [
      `${data.path ?? "tRPC call"}: HTTP ${data.httpStatus} ${data.reason ?? data.code}: ${error.message}`,
      data.field ? ` (field ${data.field})` : "",
      ` [request ${data.requestId}]`,
    ].join("");
  }
  if (error instanceof Error) {
    const cause =
      error.cause instanceof Error && !error.message.includes(error.cause.message) ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
