import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { formatMoney } from "@/server/billing/money";
import { CALL_DIRECTIONS, type CallDirection } from "@/server/billing/rating";
import { BillingNav } from "../billing-nav";

export const metadata: Metadata = { title: "Calls" };

const DIRECTION_LABELS: Record<CallDirection, string> = { in: "Incoming", out: "Outgoing", dialer: "Dialer" };

/** 75 s as "1:15", an hour and more as "1:02:03". */
function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The account's calls, newest first: search by number, filter by direction and days, a page at a time. */
export default async function CallsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const direction = queryText(params.direction);
  const query = {
    q: queryText(params.q),
    direction: (CALL_DIRECTIONS as readonly string[]).includes(direction ?? "") ? direction : undefined,
    from: queryText(params.from),
    to: queryText(params.to),
    after: queryText(params.after),
  };
  const [{ effective }, page] = await Promise.all([
    loadCurrentAccount(),
    (await serverCaller()).billing
      .calls({
        search: query.q,
        direction: query.direction as CallDirection | undefined,
        fromDay: query.from,
        toDay: query.to,
        cursor: query.after,
        limit: 25,
      })
      .catch((error: unknown) => problemFor(error, { FORBIDDEN: "Your role cannot see this account's calls." })),
  ]);
  const timeZone = effective.timezone.value;
  const when = (date: Date) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, dateStyle: "medium", timeStyle: "medium" }).format(date);
  const filtered = Boolean(query.q || query.direction || query.from || query.to);

  return (
    <main className="flex flex-col gap-4">
      <PageHeader title="Calls" description="Every call of the account, with what it cost." />
      <BillingNav current="/billing/calls" />
      <Card aria-label="Calls">
        <form method="get" action="/billing/calls" className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-5 sm:items-end">
          <Field id="calls-search" label="Number" className="sm:col-span-2">
            {(control) => (
              <Input {...control} name="q" defaultValue={query.q ?? ""} inputMode="tel" placeholder="+33 1 99" />
            )}
          </Field>
          <Field id="calls-direction" label="Direction">
            {(control) => (
              <Select {...control} name="direction" defaultValue={query.direction ?? ""}>
                <option value="">All</option>
                {CALL_DIRECTIONS.map((each) => (
                  <option key={each} value={each}>
                    {DIRECTION_LABELS[each]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="calls-from" label="From (UTC)">
            {(control) => <Input {...control} type="date" name="from" defaultValue={query.from ?? ""} />}
          </Field>
          <Field id="calls-to" label="To (UTC)">
            {(control) => <Input {...control} type="date" name="to" defaultValue={query.to ?? ""} />}
          </Field>
          <div className="flex flex-wrap items-center gap-3 sm:col-span-5">
            <Button type="submit">Search</Button>
            {filtered ? (
              <TextLink className="text-sm" href="/billing/calls">
                Show all
              </TextLink>
            ) : null}
          </div>
        </form>
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="calls-empty">
            {filtered || query.after ? "No calls match." : "No calls yet."}
          </p>
        ) : (
          <Table stack data-testid="calls">
            <TableHead>
              <tr>
                <TableHeader>Started ({timeZone})</TableHeader>
                <TableHeader>Direction</TableHeader>
                <TableHeader>From</TableHeader>
                <TableHeader>To</TableHeader>
                <TableHeader className="sm:text-right">Duration</TableHeader>
                <TableHeader className="sm:text-right">Cost</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {page.items.map((call) => (
                <TableRow key={call.callId}>
                  <TableCell label="Started" className="sm:whitespace-nowrap">
                    <time dateTime={call.startedAt.toISOString()}>{when(call.startedAt)}</time>
                  </TableCell>
                  <TableCell label="Direction">{DIRECTION_LABELS[call.direction]}</TableCell>
                  <TableCell label="From" className="break-all tabular-nums">
                    {call.from}
                  </TableCell>
                  <TableCell label="To" className="break-all tabular-nums">
                    {call.to}
                  </TableCell>
                  <TableCell label="Duration" className="tabular-nums sm:text-right">
                    {call.answeredAt ? duration(call.durationSeconds) : "Not answered"}
                  </TableCell>
                  <TableCell label="Cost" className="tabular-nums sm:text-right">
                    {formatMoney(call.chargedMinor, page.currency)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <NextPageLink
          href={
            "nextCursor" in page && page.nextCursor
              ? pathWithQuery("/billing/calls", { ...query, after: page.nextCursor })
              : null
          }
          label="Older calls"
        />
      </Card>
    </main>
  );
}
