import { serverCaller } from "@/server/api/server-caller";
import { csvResponse } from "@/server/reports/csv-response";
import { STATEMENT_COLUMNS, statementPages } from "@/server/reports/exports";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/** A monthly statement as CSV (`?month=2026-11`, and `accountId` for an account below yours). */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const input = {
    accountId: url.searchParams.get("accountId") ?? undefined,
    month: url.searchParams.get("month") ?? "",
  };
  const pages = (async function* () {
    yield* statementPages(await serverCaller(), input);
  })();
  return csvResponse(`statement-${input.month}.csv`, STATEMENT_COLUMNS, pages, requestIdFrom(request.headers));
}
