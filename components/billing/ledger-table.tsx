import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { EntryKind, LedgerEntryView } from "@/server/billing/ledger";
import { formatMoney } from "@/server/billing/money";

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  top_up: "Top-up",
  charge: "Call charge",
  refund: "Refund",
  adjustment: "Adjustment",
};

type Entry = Pick<
  LedgerEntryView,
  "id" | "kind" | "amountMinor" | "balanceAfterMinor" | "reason" | "author" | "createdAt"
>;

/** A moment as the billing pages show it, in the account's time zone: "30 Nov 2026, 16:02". */
export const when = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(date);

/** A wallet's entries, newest first; on a phone each entry is a block of labelled lines. */
export function LedgerTable(props: {
  entries: readonly Entry[];
  currency: string;
  timeZone: string;
  /** Without the "By" column (a statement lists what happened, not who did it). */
  showAuthor?: boolean;
}) {
  const showAuthor = props.showAuthor ?? true;
  const money = (minor: number) => formatMoney(minor, props.currency);
  return (
    <Table stack data-testid="ledger-entries">
      <TableHead>
        <tr>
          <TableHeader>When ({props.timeZone})</TableHeader>
          <TableHeader>What</TableHeader>
          <TableHeader>Reason</TableHeader>
          <TableHeader className="sm:text-right">Amount</TableHeader>
          <TableHeader className="sm:text-right">Balance</TableHeader>
          {showAuthor ? <TableHeader>By</TableHeader> : null}
        </tr>
      </TableHead>
      <TableBody>
        {props.entries.map((entry) => (
          <TableRow key={entry.id} data-kind={entry.kind}>
            <TableCell label="When" className="sm:whitespace-nowrap">
              <time dateTime={entry.createdAt.toISOString()}>{when(entry.createdAt, props.timeZone)}</time>
            </TableCell>
            <TableCell label="What">{ENTRY_KIND_LABELS[entry.kind]}</TableCell>
            <TableCell label="Reason" className="break-words">
              {entry.reason}
            </TableCell>
            <TableCell
              label="Amount"
              className={`tabular-nums sm:text-right ${entry.amountMinor < 0 ? "text-red-800" : "text-emerald-800"}`}
            >
              {entry.amountMinor > 0 ? "+" : ""}
              {money(entry.amountMinor)}
            </TableCell>
            <TableCell label="Balance" className="tabular-nums sm:text-right">
              {money(entry.balanceAfterMinor)}
            </TableCell>
            {showAuthor ? (
              <TableCell label="By" className="break-all">
                {entry.author.own
                  ? (entry.author.label ?? "Your account")
                  : entry.kind === "charge"
                    ? "Calls"
                    : "Your provider"}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
