import type { createCaller } from "../api/root";
import { amountText } from "../billing/money";
import type { CsvColumn } from "./csv-response";

type Caller = ReturnType<typeof createCaller>;

/** The per-child report of a period as one page of rows, with the columns of its CSV. */
export async function* childrenReportPages(caller: Caller, period: { fromDay: string; toDay: string }) {
  const report = await caller.billing.childrenReport(period);
  yield report.children.map((child) => ({ ...child, currency: report.currency }));
}

type ChildRow = Awaited<ReturnType<Caller["billing"]["childrenReport"]>>["children"][number] & { currency: string };

export const CHILDREN_COLUMNS: readonly CsvColumn<ChildRow>[] = [
  { header: "account", value: (row) => row.name },
  { header: "slug", value: (row) => row.slug },
  { header: "calls", value: (row) => row.calls },
  { header: "minutes", value: (row) => (row.seconds / 60).toFixed(2) },
  { header: "currency", value: (row) => row.currency },
  { header: "revenue", value: (row) => amountText(row.revenueMinor, row.currency) },
  { header: "cost", value: (row) => amountText(row.costMinor, row.currency) },
  { header: "margin", value: (row) => amountText(row.marginMinor, row.currency) },
];

/** An account's calls of a period, newest first, a page of 100 at a time as the download is read. */
export async function* callPages(caller: Caller, input: { accountId: string; fromDay: string; toDay: string }) {
  let cursor: string | undefined;
  do {
    const page = await caller.billing.calls({ ...input, cursor, limit: 100 });
    yield page.items.map((call) => ({ ...call, currency: page.currency }));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

type CallRow = Awaited<ReturnType<Caller["billing"]["calls"]>>["items"][number] & { currency: string };

export const CALL_COLUMNS: readonly CsvColumn<CallRow>[] = [
  { header: "call_id", value: (row) => row.callId },
  { header: "direction", value: (row) => row.direction },
  { header: "started_at", value: (row) => row.startedAt.toISOString() },
  { header: "answered_at", value: (row) => row.answeredAt?.toISOString() ?? null },
  { header: "ended_at", value: (row) => row.endedAt.toISOString() },
  { header: "duration_seconds", value: (row) => row.durationSeconds },
  { header: "billed_seconds", value: (row) => row.billedSeconds },
  { header: "from", value: (row) => row.from },
  { header: "to", value: (row) => row.to },
  { header: "device", value: (row) => row.device },
  { header: "currency", value: (row) => row.currency },
  { header: "cost", value: (row) => amountText(row.chargedMinor, row.currency) },
];

type StatementLine = {
  date: string;
  kind: string;
  reason: string;
  amountMinor: number | null;
  balanceMinor: number;
  currency: string;
};

/**
 * A monthly statement as lines: the opening balance, each entry, the closing balance (one page:
 * a month of one wallet's entries).
 */
export async function* statementPages(caller: Caller, input: { accountId?: string; month: string }) {
  const statement = await caller.billing.statement(input);
  const { currency } = statement;
  const lines: StatementLine[] = [
    {
      date: statement.fromDay,
      kind: "opening_balance",
      reason: "",
      amountMinor: null,
      balanceMinor: statement.openingMinor,
      currency,
    },
    ...statement.entries.map((entry) => ({
      date: entry.createdAt.toISOString(),
      kind: entry.kind,
      reason: entry.reason,
      amountMinor: entry.amountMinor,
      balanceMinor: entry.balanceAfterMinor,
      currency,
    })),
    {
      date: statement.toDay,
      kind: "closing_balance",
      reason: "",
      amountMinor: null,
      balanceMinor: statement.closingMinor,
      currency,
    },
  ];
  yield lines;
}

export const STATEMENT_COLUMNS: readonly CsvColumn<StatementLine>[] = [
  { header: "date", value: (line) => line.date },
  { header: "kind", value: (line) => line.kind },
  { header: "reason", value: (line) => line.reason },
  { header: "currency", value: (line) => line.currency },
  {
    header: "amount",
    value: (line) => (line.amountMinor === null ? null : amountText(line.amountMinor, line.currency)),
  },
  { header: "balance", value: (line) => amountText(line.balanceMinor, line.currency) },
];
