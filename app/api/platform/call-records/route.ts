import { handleCallRecords } from "@/server/calls/ingest-request";
import { appDb } from "@/server/db/app-client";

// Read per request: every batch is new.
export const dynamic = "force-dynamic";

/** The voice platform's call detail records (server/calls/ingest-request.ts). */
export function POST(request: Request): Promise<Response> {
  return handleCallRecords(request, appDb());
}
