import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { DomainError, problem } from "../domain-error";
import { type CsvColumn, csvResponse } from "./csv-response";

type Row = { n: number; text: string };
const COLUMNS: readonly CsvColumn<Row>[] = [
  { header: "n", value: (row) => row.n },
  { header: "text", value: (row) => row.text },
];

/** `count` pages of `size` rows, counting how many were pulled. */
function pages(count: number, size: number, pulled: { pages: number }) {
  return (async function* () {
    for (let page = 0; page < count; page++) {
      pulled.pages += 1;
      yield Array.from({ length: size }, (_, i) => ({ n: page * size + i, text: `row "${page}", with a comma` }));
    }
  })();
}

describe("csvResponse", () => {
  it("streams every page in order under one header, quoting what needs it", async () => {
    const pulled = { pages: 0 };
    const response = await csvResponse("rows.csv", COLUMNS, pages(5, 300, pulled), "test");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="rows.csv"');
    const lines = (await response.text()).trim().split("\n");
    expect(lines).toHaveLength(1 + 5 * 300);
    expect(lines[0]).toBe("n,text");
    expect(lines[1]).toBe('0,"row ""0"", with a comma"');
    expect(lines.at(-1)).toBe('1499,"row ""4"", with a comma"');
    expect(pulled.pages).toBe(5);
  });

  it("answers a refusal of the first page with its status and reason, not a file", async () => {
    const refused: AsyncIterator<readonly Row[]> = {
      next: () =>
        Promise.reject(
          new TRPCError({
            code: "NOT_FOUND",
            message: "No such account.",
            cause: new DomainError("NOT_FOUND", problem("account_not_found", "No such account.", "accountId")),
          }),
        ),
    };
    const response = await csvResponse("rows.csv", COLUMNS, refused, "test");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { reason: "account_not_found", field: "accountId" } });
  });

  it("stops reading pages when the download is cancelled", async () => {
    const pulled = { pages: 0 };
    const response = await csvResponse("rows.csv", COLUMNS, pages(1000, 500, pulled), "test");
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    await reader.read();
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = pulled.pages;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled.pages).toBe(after);
    expect(pulled.pages).toBeLessThan(1000);
  });
});
