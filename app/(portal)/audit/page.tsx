import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { AUDIT_ACTIONS, auditActionLabel } from "@/server/audit/actions";
import { changeLines, formatWhen } from "./audit-changes";

export const metadata: Metadata = { title: "Audit log" };

const auditHref = (query: { action?: string; target?: string; after?: string }) => pathWithQuery("/audit", query);

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const query = { action: queryText(params.action), target: queryText(params.target), after: queryText(params.after) };
  const caller = await serverCaller();
  const [{ effective }, planList] = await Promise.all([loadCurrentAccount(), caller.plans.list()]);
  const timeZone = effective.timezone.value;
  const plans = new Map(planList.map((plan) => [plan.id, plan.name]));
  const page = await caller.audit
    .list({ action: query.action, targetAccountId: query.target, cursor: query.after, limit: 50 })
    .catch((error: unknown) =>
      problemFor(error, { NOT_FOUND: null, FORBIDDEN: "Your role cannot read the audit log." }),
    );

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        title="Audit log"
        description="What was done in this account and in every account below it, by whom, and from where."
      />
      <Card aria-label="Entries">
        <form method="get" action="/audit" className="mb-4 flex flex-wrap items-end gap-3">
          {query.target ? <input type="hidden" name="target" value={query.target} /> : null}
          <Field id="audit-action" label="What" className="min-w-0 max-w-full">
            {(control) => (
              <Select {...control} name="action" defaultValue={query.action ?? ""} className="w-auto max-w-full">
                <option value="">Everything</option>
                {Object.entries(AUDIT_ACTIONS).map(([action, label]) => (
                  <option key={action} value={action}>
                    {label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit">Filter</Button>
          {query.action || query.target ? (
            <TextLink className="self-center text-sm" href="/audit">
              Show all
            </TextLink>
          ) : null}
        </form>
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600">No entries.</p>
        ) : (
          <Table stack data-testid="audit-entries">
            <TableHead>
              <tr>
                <TableHeader>When ({timeZone})</TableHeader>
                <TableHeader>Who</TableHeader>
                <TableHeader>What</TableHeader>
                <TableHeader>Account</TableHeader>
                <TableHeader>Changes</TableHeader>
                <TableHeader>From</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {page.items.map((entry) => {
                const lines = changeLines(entry.details, plans);
                return (
                  <TableRow key={entry.id}>
                    <TableCell label="When" className="sm:whitespace-nowrap">
                      <time dateTime={entry.createdAt.toISOString()}>{formatWhen(entry.createdAt, timeZone)}</time>
                    </TableCell>
                    <TableCell label="Who">
                      {entry.actor ? (
                        <>
                          {entry.actor.kind === "key" ? (
                            <span className="break-all" data-testid="actor-key">
                              API key {entry.actor.name} ({entry.actor.prefix})
                            </span>
                          ) : (
                            <span className="break-all">{entry.actor.email}</span>
                          )}{" "}
                          <span className="text-slate-600">({entry.actor.accountName})</span>
                          {entry.actingAs ? (
                            <span className="block text-slate-600" data-testid="acting-as">
                              as {entry.actingAs.name}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                    <TableCell label="What">
                      <span data-action={entry.action}>{auditActionLabel(entry.action)}</span>
                    </TableCell>
                    <TableCell label="Account">
                      {entry.target ? (
                        <TextLink href={auditHref({ target: entry.target.id })}>{entry.target.name}</TextLink>
                      ) : (
                        "—"
                      )}
                    </TableCell>
                    <TableCell label="Changes">
                      {lines.length === 0 ? (
                        "—"
                      ) : (
                        <ul data-testid="audit-changes">
                          {lines.map((line) => (
                            <li key={line.field}>
                              <span className="text-slate-600">{line.label}:</span>{" "}
                              {line.before !== undefined && line.after !== undefined
                                ? `${line.before} → ${line.after}`
                                : line.after !== undefined
                                  ? line.after
                                  : `was ${line.before}`}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    <TableCell label="From" className="break-all">
                      {entry.ip ?? "—"}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
        <NextPageLink
          href={"nextCursor" in page && page.nextCursor ? auditHref({ ...query, after: page.nextCursor }) : null}
          label="Older entries"
        />
      </Card>
    </main>
  );
}
