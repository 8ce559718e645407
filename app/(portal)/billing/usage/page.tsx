import type { Metadata } from "next";
import { chosenPeriod, minutesText } from "@/components/billing/period";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { formatMoney } from "@/server/billing/money";
import { BillingNav } from "../billing-nav";

export const metadata: Metadata = { title: "Usage by day" };

/** The account's calls, minutes and charges per day over a period (this month unless chosen). */
export default async function UsagePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const period = chosenPeriod(params);
  const usage = await (await serverCaller()).billing
    .usage({ fromDay: period.from, toDay: period.to })
    .catch((error: unknown) => problemFor(error, { FORBIDDEN: "Your role cannot see this account's usage." }));
  const totals =
    "problem" in usage
      ? null
      : usage.days.reduce(
          (sum, day) => ({
            calls: sum.calls + day.calls,
            seconds: sum.seconds + day.seconds,
            costMinor: sum.costMinor + day.costMinor,
          }),
          { calls: 0, seconds: 0, costMinor: 0 },
        );

  return (
    <main className="flex flex-col gap-4">
      <PageHeader title="Usage by day" description="Calls, minutes and what they cost, per day (UTC)." />
      <BillingNav current="/billing/usage" />
      <Card aria-label="Usage">
        <form method="get" action="/billing/usage" className="mb-4 flex flex-wrap items-end gap-3">
          <Field id="usage-from" label="From">
            {(control) => <Input {...control} type="date" name="from" defaultValue={period.from} required />}
          </Field>
          <Field id="usage-to" label="To">
            {(control) => <Input {...control} type="date" name="to" defaultValue={period.to} required />}
          </Field>
          <Button type="submit">Show</Button>
        </form>
        {"problem" in usage ? (
          <ErrorText role="alert">{usage.problem}</ErrorText>
        ) : usage.days.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="usage-empty">
            No calls in this period.
          </p>
        ) : (
          <Table stack data-testid="usage-days">
            <TableHead>
              <tr>
                <TableHeader>Day</TableHeader>
                <TableHeader className="sm:text-right">Calls</TableHeader>
                <TableHeader className="sm:text-right">Minutes</TableHeader>
                <TableHeader className="sm:text-right">Cost</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {usage.days.map((day) => (
                <UsageLine key={day.day} label={day.day} usage={day} currency={usage.currency} />
              ))}
              {totals ? (
                <UsageLine
                  label="Total"
                  usage={totals}
                  currency={usage.currency}
                  className="font-semibold"
                  data-testid="usage-total"
                />
              ) : null}
            </TableBody>
          </Table>
        )}
      </Card>
    </main>
  );
}

/** One line of the table: a day, or the period's total, with the same columns. */
function UsageLine({
  label,
  usage,
  currency,
  ...row
}: {
  label: string;
  usage: { calls: number; seconds: number; costMinor: number };
  currency: string;
  className?: string;
  "data-testid"?: string;
}) {
  return (
    <TableRow {...row}>
      <TableCell label="Day">{label}</TableCell>
      <TableCell label="Calls" className="tabular-nums sm:text-right">
        {usage.calls}
      </TableCell>
      <TableCell label="Minutes" className="tabular-nums sm:text-right">
        {minutesText(usage.seconds)}
      </TableCell>
      <TableCell label="Cost" className="tabular-nums sm:text-right">
        {formatMoney(usage.costMinor, currency)}
      </TableCell>
    </TableRow>
  );
}
