import { serverCaller } from "@/server/api/server-caller";
import { csvResponse } from "@/server/reports/csv-response";
import { CALL_COLUMNS, callPages } from "@/server/reports/exports";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/** An account's calls of a period as CSV (`?accountId=…&from=2026-11-01&to=2026-11-30`), streamed. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const input = {
    accountId: url.searchParams.get("accountId") ?? "",
    fromDay: url.searchParams.get("from") ?? "",
    toDay: url.searchParams.get("to") ?? "",
  };
  const pages = (async function* () {
    yield* callPages(await serverCaller(), input);
  })();
  return csvResponse(`calls-${input.fromDay}-${input.toDay}.csv`, CALL_COLUMNS, pages, requestIdFrom(request.headers));
}
