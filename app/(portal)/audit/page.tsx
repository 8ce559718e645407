import type { Metadata } from "next";
import Link from "next/link";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";

export const metadata: Metadata = { title: "Audit log" };

const ACTIONS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "account.create": "Created an account",
  "account.update": "Changed an account",
  "account.suspend": "Suspended an account",
  "account.reactivate": "Reactivated an account",
  "account.close": "Closed an account",
};

/** "name: Old → New, maxIn: 5 → 8" from an entry's before/after details. */
function changeSummary(details: Record<string, unknown>): string {
  const before = (details.before ?? {}) as Record<string, unknown>;
  const after = (details.after ?? {}) as Record<string, unknown>;
  return Object.keys(after)
    .map((key) =>
      key in before ? `${key}: ${String(before[key])} → ${String(after[key])}` : `${key}: ${String(after[key])}`,
    )
    .join(", ");
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
      <h1 className="text-2xl font-semibold">Audit log</h1>
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
              {Object.entries(ACTIONS).map(([action, label]) => (
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
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="audit-entries">
              <thead className="text-slate-600">
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
                  <tr key={entry.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap py-2 pr-4">
                      {entry.createdAt.toISOString().slice(0, 19).replace("T", " ")}
                    </td>
                    <td className="py-2 pr-4">{entry.actor?.email ?? "—"}</td>
                    <td className="py-2 pr-4">
                      {ACTIONS[entry.action] ?? entry.action} <code className="text-slate-500">{entry.action}</code>
                    </td>
                    <td className="py-2 pr-4">{entry.target?.name ?? "—"}</td>
                    <td className="py-2 pr-4">{changeSummary(entry.details)}</td>
                    <td className="py-2">{entry.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NextPageLink
          href={"nextCursor" in page && page.nextCursor ? auditHref({ ...query, after: page.nextCursor }) : null}
          label="Older entries"
        />
      </section>
    </main>
  );
}
