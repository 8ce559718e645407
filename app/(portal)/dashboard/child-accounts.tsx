import Link from "next/link";
import { EffectiveStatusText } from "@/components/effective-status";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";

export type ChildAccountsQuery = { parent?: string; q?: string; after?: string };

const dashboardHref = (query: ChildAccountsQuery) => pathWithQuery("/dashboard", query);

/** The reseller's accounts: children of one account at a time, or a search of the whole subtree. */
export async function ChildAccounts({ query }: { query: ChildAccountsQuery }) {
  const caller = await serverCaller();
  const page = await caller.accounts
    .listChildren({ parentId: query.parent, search: query.q, cursor: query.after, limit: 25 })
    // A stale or hand-edited link: say what is wrong instead of failing the whole page.
    .catch((error: unknown) => problemFor(error, { NOT_FOUND: "There is no such account below yours." }));

  return (
    <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-labelledby="child-accounts">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="child-accounts" className="text-base font-semibold">
          {"scope" in page && query.parent ? `Accounts below ${page.scope.name}` : "Child accounts"}
        </h2>
        <div className="flex flex-wrap gap-4">
          <Link
            className="text-sm font-medium text-brand underline"
            href={pathWithQuery("/accounts/new", { parent: query.parent })}
          >
            New account
          </Link>
          {query.parent ? (
            <Link className="text-sm font-medium text-brand underline" href="/dashboard">
              Back to your accounts
            </Link>
          ) : null}
        </div>
      </div>

      <search>
        <form method="get" action="/dashboard" className="mb-4 flex flex-wrap gap-2">
          {query.parent ? <input type="hidden" name="parent" value={query.parent} /> : null}
          <label htmlFor="account-search" className="sr-only">
            Search accounts by name or slug
          </label>
          <input
            id="account-search"
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            maxLength={80}
            placeholder="Search by name or slug"
            className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30"
          />
          <button type="submit" className="rounded-lg bg-brand px-4 py-2 font-semibold text-on-brand shadow-sm">
            Search
          </button>
          {query.q ? (
            <Link
              className="self-center text-sm font-medium text-brand underline"
              href={dashboardHref({ parent: query.parent })}
            >
              Clear
            </Link>
          ) : null}
        </form>
      </search>

      {"problem" in page ? (
        <p role="alert" className="text-sm text-red-700">
          {page.problem}
        </p>
      ) : page.items.length === 0 ? (
        <p className="text-sm text-slate-600">
          {query.q ? `No account below ${page.scope.name} matches “${query.q}”.` : "No child accounts yet."}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="children">
            <thead className="text-slate-600">
              <tr>
                <th className="py-2 pr-4 font-medium">Account</th>
                {query.q ? <th className="py-2 pr-4 font-medium">Under</th> : null}
                <th className="py-2 pr-4 font-medium">Status</th>
                <th className="py-2 pr-4 font-medium">Plan</th>
                <th className="py-2 pr-4 font-medium">Brand domain</th>
                <th className="py-2 pr-4 font-medium">In / Out / Dialer</th>
                <th className="py-2 font-medium">Below</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((child) => (
                <tr key={child.id} className="border-t border-slate-100">
                  <td className="py-2 pr-4">
                    <Link className="font-medium text-brand underline" href={`/accounts/${child.id}`}>
                      {child.name}
                    </Link>{" "}
                    <code className="text-slate-500">{child.slug}</code>
                    {child.isReseller ? (
                      <span className="ml-1 rounded bg-accent px-1.5 py-0.5 text-xs text-on-accent">reseller</span>
                    ) : null}
                  </td>
                  {query.q ? <td className="py-2 pr-4">{child.parent?.name ?? "—"}</td> : null}
                  <td className="py-2 pr-4" data-testid="child-status">
                    <EffectiveStatusText status={child.effectiveStatus} />
                  </td>
                  <td className="py-2 pr-4">{child.planName}</td>
                  <td className="py-2 pr-4">{child.brandDomain ?? "inherited"}</td>
                  <td className="py-2 pr-4">
                    {child.limits.maxIn} / {child.limits.maxOut} / {child.limits.maxDialer}
                  </td>
                  <td className="py-2">
                    {child.childCount > 0 ? (
                      <Link
                        className="font-medium text-brand underline"
                        href={dashboardHref({ parent: child.id })}
                        aria-label={`Show the ${child.childCount} accounts below ${child.name}`}
                      >
                        {child.childCount} {child.childCount === 1 ? "account" : "accounts"}
                      </Link>
                    ) : (
                      <span className="text-slate-400">none</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <NextPageLink
        href={"nextCursor" in page && page.nextCursor ? dashboardHref({ ...query, after: page.nextCursor }) : null}
        label="Next page"
      />
    </section>
  );
}
