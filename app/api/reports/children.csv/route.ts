import { serverCaller } from "@/server/api/server-caller";
import { csvResponse } from "@/server/reports/csv-response";
import { CHILDREN_COLUMNS, childrenReportPages } from "@/server/reports/exports";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/** The reseller's per-account report of a period as CSV (`?from=2026-11-01&to=2026-11-30`). */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const period = { fromDay: url.searchParams.get("from") ?? "", toDay: url.searchParams.get("to") ?? "" };
  const pages = (async function* () {
    yield* childrenReportPages(await serverCaller(), period);
  })();
  return csvResponse(
    `accounts-${period.fromDay}-${period.toDay}.csv`,
    CHILDREN_COLUMNS,
    pages,
    requestIdFrom(request.headers),
  );
}
