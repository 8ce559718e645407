import { once } from "node:events";
import { Readable } from "node:stream";
import { TRPCError } from "@trpc/server";
import { stringify } from "csv-stringify";
import { problemsOf, unexpectedProblem } from "../api/error-message";
import { errorResponse } from "../http/error-body";
import { requestLogger } from "../log";

export type CsvColumn<Row> = { header: string; value: (row: Row) => string | number | null };

/**
 * A CSV download streamed as it is written (csv-stringify): the rows are pulled from `rows` one
 * page at a time while the client reads, so a large export never sits whole in memory. The first
 * page is read before the answer starts, so a refusal (not signed in, not yours) is an error body
 * with its status, not a broken file.
 */
export async function csvResponse<Row>(
  filename: string,
  columns: readonly CsvColumn<Row>[],
  pages: AsyncIterator<readonly Row[]>,
  requestId: string,
): Promise<Response> {
  let first: IteratorResult<readonly Row[]>;
  try {
    first = await pages.next();
  } catch (error) {
    return refusal(error, requestId);
  }
  const csv = stringify({ header: true, columns: columns.map((column) => column.header) });
  /** Writes a page, then waits while the reader is behind: the next page is read only when wanted. */
  const write = async (rows: readonly Row[]) => {
    let behind = false;
    for (const row of rows) behind = !csv.write(columns.map((column) => column.value(row)));
    if (behind && !csv.destroyed) await Promise.race([once(csv, "drain"), once(csv, "close")]);
  };
  void (async () => {
    try {
      if (!first.done) await write(first.value);
      // A reader that went away (the download was cancelled) ends the export.
      for (let page = await pages.next(); !page.done && !csv.destroyed; page = await pages.next()) {
        await write(page.value);
      }
      if (!csv.destroyed) csv.end();
    } catch (error) {
      // The answer has started: the file ends short, and the log says why.
      requestLogger(requestId).error({ err: error }, "a CSV export failed while streaming");
      csv.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

function refusal(error: unknown, requestId: string): Response {
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
    const [first, ...rest] = problemsOf(error, requestId);
    if (first) return errorResponse(error.code, [first, ...rest], requestId);
  }
  requestLogger(requestId).error({ err: error }, "a CSV export failed");
  return errorResponse("INTERNAL_SERVER_ERROR", [unexpectedProblem(requestId)], requestId);
}
