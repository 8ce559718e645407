import { EffectiveStatusBadge } from "@/components/effective-status";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";

export type ChildAccountsQuery = { parent?: string; q?: string; after?: string };

/** The reseller's accounts: children of one account at a time, or a search of the whole subtree. */
export async function ChildAccounts({
  query,
  basePath,
}: {
  query: ChildAccountsQuery;
  /** The page the list is on (the dashboard or the accounts page): its links and search stay there. */
  basePath: "/dashboard" | "/accounts";
}) {
  const dashboardHref = (next: ChildAccountsQuery) => pathWithQuery(basePath, next);
  const caller = await serverCaller();
  const page = await caller.accounts
    .listChildren({ parentId: query.parent, search: query.q, cursor: query.after, limit: 25 })
    // A stale or hand-edited link: say what is wrong instead of failing the whole page.
    .catch((error: unknown) => problemFor(error, { NOT_FOUND: "There is no such account below yours." }));

  return (
    <Card aria-labelledby="child-accounts">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="child-accounts" className="text-base font-semibold">
          {"scope" in page && query.parent ? `Accounts below ${page.scope.name}` : "Child accounts"}
        </h2>
        <div className="flex flex-wrap gap-4">
          <TextLink className="text-sm" href={pathWithQuery("/accounts/new", { parent: query.parent })}>
            New account
          </TextLink>
          {query.parent ? (
            <TextLink className="text-sm" href={basePath}>
              Back to your accounts
            </TextLink>
          ) : null}
        </div>
      </div>

      <search>
        <form method="get" action={basePath} className="mb-4 flex flex-wrap gap-2">
          {query.parent ? <input type="hidden" name="parent" value={query.parent} /> : null}
          <label htmlFor="account-search" className="sr-only">
            Search accounts by name or slug
          </label>
          <Input
            id="account-search"
            type="search"
            name="q"
            defaultValue={query.q ?? ""}
            maxLength={80}
            placeholder="Search by name or slug"
            className="w-auto flex-1"
          />
          <Button type="submit">Search</Button>
          {query.q ? (
            <TextLink className="self-center text-sm" href={dashboardHref({ parent: query.parent })}>
              Clear
            </TextLink>
          ) : null}
        </form>
      </search>

      {"problem" in page ? (
        <ErrorText role="alert">{page.problem}</ErrorText>
      ) : page.items.length === 0 ? (
        <p className="text-sm text-slate-600">
          {query.q ? `No account below ${page.scope.name} matches “${query.q}”.` : "No child accounts yet."}
        </p>
      ) : (
        <Table stack data-testid="children">
          <TableHead>
            <tr>
              <TableHeader>Account</TableHeader>
              {query.q ? <TableHeader>Under</TableHeader> : null}
              <TableHeader>Status</TableHeader>
              <TableHeader>Plan</TableHeader>
              <TableHeader>Brand domain</TableHeader>
              <TableHeader>In / Out / Dialer</TableHeader>
              <TableHeader>Below</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {page.items.map((child) => (
              <TableRow key={child.id}>
                <TableCell label="Account">
                  <TextLink href={`/accounts/${child.id}`}>{child.name}</TextLink>{" "}
                  <code className="text-slate-600">{child.slug}</code>
                  {child.isReseller ? (
                    <Badge tone="accent" className="ml-1">
                      reseller
                    </Badge>
                  ) : null}
                </TableCell>
                {query.q ? <TableCell label="Under">{child.parent?.name ?? "—"}</TableCell> : null}
                <TableCell label="Status">
                  <EffectiveStatusBadge status={child.effectiveStatus} data-testid="child-status" />
                </TableCell>
                <TableCell label="Plan">{child.planName}</TableCell>
                <TableCell label="Brand domain">{child.brandDomain ?? "inherited"}</TableCell>
                <TableCell label="In / Out / Dialer">
                  {child.limits.maxIn} / {child.limits.maxOut} / {child.limits.maxDialer}
                </TableCell>
                <TableCell label="Below">
                  {child.childCount > 0 ? (
                    <TextLink
                      href={dashboardHref({ parent: child.id })}
                      aria-label={`Show the ${child.childCount} accounts below ${child.name}`}
                    >
                      {child.childCount} {child.childCount === 1 ? "account" : "accounts"}
                    </TextLink>
                  ) : (
                    <span className="text-slate-600">none</span>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <NextPageLink
        href={"nextCursor" in page && page.nextCursor ? dashboardHref({ ...query, after: page.nextCursor }) : null}
        label="Next page"
      />
    </Card>
  );
}
