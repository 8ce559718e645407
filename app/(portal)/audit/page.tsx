import type { Metadata } from "next";
import Link from "next/link";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { AUDIT_ACTIONS, auditActionLabel } from "@/server/audit/actions";

export const metadata: Metadata = { title: "Audit log" };

/** "name: Old → New, maxIn: 5 → 8" from an entry's before/after details; "was x" for what was removed. */
function changeSummary(details: Record<string, unknown>): string {
  const before = (details.before ?? {}) as Record<string, unknown>;
  const after = (details.after ?? {}) as Record<string, unknown>;
  const changed = Object.keys(after).map((key) =>
    key in before ? `${key}: ${String(before[key])} → ${String(after[key])}` : `${key}: ${String(after[key])}`,
  );
  const removed = Object.keys(before)
    .filter((key) => !(key in after))
    .map((key) => `${key}: was ${String(before[key])}`);
  return [...changed, ...removed].join(", ");
}

/** A table cell that, on a phone, is a labelled line of a stacked entry. */
function Cell({
  label,
  children,
  nowrap = false,
  last = false,
}: {
  label: string;
  children: React.ReactNode;
  nowrap?: boolean;
  last?: boolean;
}) {
  return (
    <td
      className={`flex gap-2 py-0.5 sm:table-cell sm:py-2 ${last ? "" : "sm:pr-4"} ${nowrap ? "sm:whitespace-nowrap" : ""}`}
    >
      <span className="w-24 shrink-0 text-slate-500 sm:hidden">{label}</span>
      <span className="min-w-0 break-words">{children}</span>
    </td>
  );
}

const auditHref = (query: { action?: string; target?: string; after?: string }) => pathWithQuery("/audit", query);

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const text = (value: string | string[] | undefined) => (typeof value === "string" && value ? value : undefined);
  const query = { action: text(params.action), target: text(params.target), after: text(params.after) };
  const caller = await serverCaller();
  const page = await caller.audit
    .list({ action: query.action, targetAccountId: query.target, cursor: query.after, limit: 50 })
    .catch((error: unknown) =>
      problemFor(error, { NOT_FOUND: null, FORBIDDEN: "Your role cannot read the audit log." }),
    );

  return (
    <main className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-slate-600">
          What was done in this account and in every account below it, by whom, and from where.
        </p>
      </div>
      <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <form method="get" action="/audit" className="mb-4 flex flex-wrap items-end gap-3">
          {query.target ? <input type="hidden" name="target" value={query.target} /> : null}
          <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="audit-action">
            What
            <select
              id="audit-action"
              name="action"
              defaultValue={query.action ?? ""}
              className="rounded-lg border border-slate-300 px-3 py-2 text-base"
            >
              <option value="">Everything</option>
              {Object.entries(AUDIT_ACTIONS).map(([action, label]) => (
                <option key={action} value={action}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm">
            Filter
          </button>
          {query.action || query.target ? (
            <Link className="text-sm font-medium text-brand underline" href="/audit">
              Show all
            </Link>
          ) : null}
        </form>
        {"problem" in page ? (
          <p role="alert" className="text-sm text-red-700">
            {page.problem}
          </p>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600">No entries.</p>
        ) : (
          // A table from the small breakpoint up; on a phone each entry stacks, each value under its name.
          <table className="w-full text-left text-sm" data-testid="audit-entries">
            <thead className="hidden text-slate-600 sm:table-header-group">
              <tr>
                <th className="py-2 pr-4 font-medium">When (UTC)</th>
                <th className="py-2 pr-4 font-medium">Who</th>
                <th className="py-2 pr-4 font-medium">What</th>
                <th className="py-2 pr-4 font-medium">Account</th>
                <th className="py-2 pr-4 font-medium">Changes</th>
                <th className="py-2 font-medium">From</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((entry) => (
                <tr key={entry.id} className="block border-t border-slate-100 py-2 align-top sm:table-row sm:py-0">
                  <Cell label="When (UTC)" nowrap>
                    {entry.createdAt.toISOString().slice(0, 19).replace("T", " ")}
                  </Cell>
                  <Cell label="Who">
                    {entry.actor ? (
                      <>
                        {entry.actor.email} <span className="text-slate-500">({entry.actor.accountName})</span>
                        {entry.actingAs ? (
                          <span className="block text-slate-600" data-testid="acting-as">
                            as {entry.actingAs.name}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </Cell>
                  <Cell label="What">
                    {auditActionLabel(entry.action)} <code className="text-slate-500">{entry.action}</code>
                  </Cell>
                  <Cell label="Account">
                    {entry.target ? (
                      <Link className="text-brand underline" href={auditHref({ target: entry.target.id })}>
                        {entry.target.name}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </Cell>
                  <Cell label="Changes">{changeSummary(entry.details) || "—"}</Cell>
                  <Cell label="From" last>
                    {entry.ip ?? "—"}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <NextPageLink
          href={"nextCursor" in page && page.nextCursor ? auditHref({ ...query, after: page.nextCursor }) : null}
          label="Older entries"
        />
      </section>
    </main>
  );
}
