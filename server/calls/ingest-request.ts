import { unexpectedProblem } from "../api/error-message";
import { poolOf } from "../db/client";
import type { PrismaClient } from "../db/types";
import { DomainError, type Problem, problem } from "../domain-error";
import { boundedText } from "../http/bounded-body";
import { errorResponse } from "../http/error-body";
import { waitedForConnection } from "../limits/server-busy";
import { requestLogger } from "../log";
import { requestIdFrom } from "../request-id";
import { CallRecordBatch } from "./call-record.schema";
import { INVALID_SERVICE_KEY, ingestCallRecords } from "./ingest";
import { hashServiceKey, looksLikeServiceKey } from "./service-key";

/** A batch of 1,000 records with long device names stays well below this. */
export const MAX_INGEST_BODY_BYTES = 2 * 1024 * 1024;

/**
 * POST /api/platform/call-records: the voice platform's batches of call detail records, with its
 * service key as `Authorization: Bearer vrs_...`. Answers 200 `{ recorded, repeated }`, or THE
 * error body of the API with every problem and its field (`records.3.to`).
 */
export async function handleCallRecords(request: Request, db: PrismaClient): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const refuse = (code: string, problems: readonly [Problem, ...Problem[]]) => errorResponse(code, problems, requestId);
  const credential = /^Bearer +(\S+)$/i.exec(request.headers.get("authorization")?.trim() ?? "")?.[1];
  if (!credential || !looksLikeServiceKey(credential)) {
    return refuse("UNAUTHORIZED", [problem("invalid_service_key", INVALID_SERVICE_KEY)]);
  }
  const keyHash = hashServiceKey(credential);
  // Who sends is settled before anything they sent is read (the recording functions check again).
  const live = await serviceKeyIsLive(db, keyHash).catch((error: unknown) => {
    if (waitedForConnection(error)) return null;
    throw error;
  });
  if (live === null) return busy(requestId);
  if (!live) return refuse("UNAUTHORIZED", [problem("invalid_service_key", INVALID_SERVICE_KEY)]);
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    return refuse("BAD_REQUEST", [problem("json_required", "Send the batch as application/json.")]);
  }
  const text = await boundedText(request, MAX_INGEST_BODY_BYTES);
  if (text === null) {
    return refuse("PAYLOAD_TOO_LARGE", [
      problem("body_too_large", `A batch may be at most ${MAX_INGEST_BODY_BYTES} bytes; split it.`),
    ]);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse("BAD_REQUEST", [problem("invalid_json", "The body is not valid JSON.")]);
  }
  const parsed = CallRecordBatch.safeParse(body);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues.slice(0, 50).map((issue) => {
      const field = issue.path.join(".") || null;
      return problem("invalid_record", `${field ?? "The batch"} ${issue.message}`, field);
    });
    return refuse("BAD_REQUEST", first ? [first, ...rest] : [problem("invalid_record", "The batch is not valid.")]);
  }
  try {
    const result = await ingestCallRecords(poolOf(db), keyHash, parsed.data.records);
    return Response.json(result, { status: 200 });
  } catch (error) {
    if (error instanceof DomainError) return refuse(error.code, error.problems);
    if (waitedForConnection(error)) return busy(requestId);
    requestLogger(requestId).error({ err: error }, "recording call records failed");
    return refuse("INTERNAL_SERVER_ERROR", [unexpectedProblem(requestId)]);
  }
}

async function serviceKeyIsLive(db: PrismaClient, keyHash: Buffer): Promise<boolean> {
  const { rows } = await poolOf(db).query<{ live: boolean }>("SELECT app_service_key($1) IS NOT NULL AS live", [
    keyHash,
  ]);
  return rows[0]?.live === true;
}

/** No database connection was free in time: the batch did nothing, and may be sent again. */
function busy(requestId: string): Response {
  return errorResponse(
    "SERVICE_UNAVAILABLE",
    [problem("server_busy", "The server is busy; send the batch again in a moment.")],
    requestId,
    { "Retry-After": "1" },
  );
}
