import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { MarginChart } from "@/components/billing/margin-chart";
import { chosenPeriod, minutesText } from "@/components/billing/period";
import { pathWithQuery } from "@/components/next-page-link";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Figures } from "@/components/ui/figures";
import { Input, Select } from "@/components/ui/input";
import { DownloadLink, TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { formatMoney } from "@/server/billing/money";

export const metadata: Metadata = { title: "Reports" };

/** What the reseller's children bought from it over a period, what it paid above, and its margin. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const period = chosenPeriod(params);
  const chart = queryText(params.chart);
  const report = await (await serverCaller()).billing
    .childrenReport({ fromDay: period.from, toDay: period.to, accountId: chart })
    .catch((error: unknown) =>
      problemFor(error, { FORBIDDEN: "Reports are for resellers, and for the roles that may read billing." }),
    );

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        title="Reports"
        description="Your children's calls, what they paid you, what you paid for them, and your margin (UTC days)."
      />
      <Card aria-label="Period">
        <form method="get" action="/reports" className="flex flex-wrap items-end gap-3">
          <Field id="report-from" label="From">
            {(control) => <Input {...control} type="date" name="from" defaultValue={period.from} required />}
          </Field>
          <Field id="report-to" label="To">
            {(control) => <Input {...control} type="date" name="to" defaultValue={period.to} required />}
          </Field>
          {"problem" in report || report.children.length === 0 ? null : (
            <Field id="report-chart" label="Chart">
              {(control) => (
                <Select {...control} name="chart" defaultValue={chart ?? ""}>
                  <option value="">All accounts</option>
                  {[...report.children]
                    .sort((a, b) => a.name.localeCompare(b.name))
                    .map((child) => (
                      <option key={child.accountId} value={child.accountId}>
                        {child.name}
                      </option>
                    ))}
                </Select>
              )}
            </Field>
          )}
          <Button type="submit">Show</Button>
        </form>
      </Card>
      {"problem" in report ? (
        <ErrorText role="alert">{report.problem}</ErrorText>
      ) : (
        <>
          <Card aria-labelledby="totals-title">
            <CardTitle id="totals-title">Totals</CardTitle>
            <Figures
              size="2xl"
              className="grid-cols-2 sm:grid-cols-4"
              data-testid="report-totals"
              figures={[
                { label: "Calls", value: String(report.totals.calls), testId: "report-calls" },
                {
                  label: "Revenue",
                  value: formatMoney(report.totals.revenueMinor, report.currency),
                  testId: "report-revenue",
                },
                { label: "Cost", value: formatMoney(report.totals.costMinor, report.currency), testId: "report-cost" },
                {
                  label: "Margin",
                  value: formatMoney(report.totals.marginMinor, report.currency),
                  testId: "report-margin",
                },
              ]}
            />
            {report.own.calls > 0 ? (
              <p className="mt-3 text-sm text-slate-600">
                Your own calls: {report.own.calls}, {minutesText(report.own.seconds)} minutes,{" "}
                {formatMoney(report.own.costMinor, report.currency)}.
              </p>
            ) : null}
          </Card>
          <Card aria-labelledby="by-day-title">
            <CardTitle id="by-day-title">
              {report.granularity === "day" ? "By day" : "By month"}
              {chart ? `: ${report.children.find((child) => child.accountId === chart)?.name ?? ""}` : ""}
            </CardTitle>
            {report.series.length === 0 ? (
              <p className="text-sm text-slate-600">No calls in this period.</p>
            ) : (
              <MarginChart series={report.series} granularity={report.granularity} currency={report.currency} />
            )}
          </Card>
          <Card aria-labelledby="children-title">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
              <CardTitle id="children-title">Per account</CardTitle>
              <DownloadLink
                href={pathWithQuery("/api/reports/children.csv", { from: period.from, to: period.to })}
                data-testid="report-csv"
              >
                Download CSV
              </DownloadLink>
            </div>
            {report.children.length === 0 ? (
              <p className="text-sm text-slate-600">You have no accounts below you yet.</p>
            ) : (
              <Table stack data-testid="report-children">
                <TableHead>
                  <tr>
                    <TableHeader>Account</TableHeader>
                    <TableHeader className="sm:text-right">Calls</TableHeader>
                    <TableHeader className="sm:text-right">Minutes</TableHeader>
                    <TableHeader className="sm:text-right">Revenue</TableHeader>
                    <TableHeader className="sm:text-right">Cost</TableHeader>
                    <TableHeader className="sm:text-right">Margin</TableHeader>
                    <TableHeader>Calls file</TableHeader>
                  </tr>
                </TableHead>
                <TableBody>
                  {report.children.map((child) => (
                    <TableRow key={child.accountId}>
                      <TableCell label="Account">
                        <TextLink href={`/accounts/${child.accountId}/wallet`}>{child.name}</TextLink>
                      </TableCell>
                      <TableCell label="Calls" className="tabular-nums sm:text-right">
                        {child.calls}
                      </TableCell>
                      <TableCell label="Minutes" className="tabular-nums sm:text-right">
                        {minutesText(child.seconds)}
                      </TableCell>
                      <TableCell label="Revenue" className="tabular-nums sm:text-right">
                        {formatMoney(child.revenueMinor, report.currency)}
                      </TableCell>
                      <TableCell label="Cost" className="tabular-nums sm:text-right">
                        {formatMoney(child.costMinor, report.currency)}
                      </TableCell>
                      <TableCell label="Margin" className="tabular-nums sm:text-right">
                        {formatMoney(child.marginMinor, report.currency)}
                      </TableCell>
                      <TableCell label="Calls file">
                        <DownloadLink
                          href={pathWithQuery("/api/reports/calls.csv", {
                            accountId: child.accountId,
                            from: period.from,
                            to: period.to,
                          })}
                          aria-label={`Calls of ${child.name} as CSV`}
                        >
                          CSV
                        </DownloadLink>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Card>
        </>
      )}
    </main>
  );
}
