import type { Metadata } from "next";
import { queryText } from "@/app/(portal)/query-text";
import { DoneNotice } from "@/components/form/done-notice";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { DESTINATION_KIND_LABEL } from "@/server/routing/destinations";
import { NumberSearch } from "./number-search";
import { RoutePicker } from "./route-picker";

export const metadata: Metadata = { title: "Numbers" };

/** The account's numbers, where each routes, and (with numbers:write) a route picker per number. */
export default async function NumbersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account, user } = await loadCurrentAccount();
  const params = await searchParams;
  const query = { q: queryText(params.q), after: queryText(params.after) };
  const caller = await serverCaller();
  const page = await caller.numbers
    .list({ view: "account", search: query.q, cursor: query.after, limit: 25 })
    .catch((error: unknown) => problemFor(error, { FORBIDDEN: "Your role cannot see the account's numbers." }));
  const canRoute = roleHas(user.role, "numbers:write");
  const destinations = canRoute ? (await caller.numbers.destinations()).items : [];
  const done =
    queryText(params.done) === "routed" && queryText(params.number) ? `Saved where ${params.number} routes.` : null;

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        title="Numbers"
        description={
          <>
            The phone numbers of {account.name}, and where calls to each go.
            {account.isReseller ? (
              <>
                {" "}
                To give numbers to your accounts, open <TextLink href="/numbers/pool">your pool of numbers</TextLink>.
              </>
            ) : null}
          </>
        }
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      <Card aria-labelledby="numbers-heading">
        <h2 id="numbers-heading" className="mb-3 text-base font-semibold">
          Your numbers
        </h2>
        <NumberSearch action="/numbers" q={query.q} label="Search numbers, e.g. 01 99 00 or +33 1 99" />
        {canRoute && destinations.length === 0 && !("problem" in page) && page.items.length > 0 ? (
          <CardDescription>
            Calls to your numbers go to the account's default destination. To send a number elsewhere, first create an{" "}
            <TextLink href="/extensions">extension</TextLink>, a <TextLink href="/departments">department</TextLink> or
            a <TextLink href="/schedules">schedule</TextLink>.
          </CardDescription>
        ) : null}
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="numbers-empty">
            {query.q
              ? `No number of ${account.name} matches “${query.q}”.`
              : account.isReseller
                ? "You hold no numbers yourself. Your pool's numbers are assigned from the pool page."
                : "No numbers yet. Numbers come from your provider: ask them to assign one to your account, then choose here where its calls go."}
          </p>
        ) : (
          <Table stack data-testid="numbers">
            <TableHead>
              <tr>
                <TableHeader>Number</TableHeader>
                <TableHeader>Routes to</TableHeader>
                {canRoute ? <TableHeader>Change</TableHeader> : null}
              </tr>
            </TableHead>
            <TableBody>
              {page.view === "account"
                ? page.items.map((number) => (
                    <TableRow key={number.id} data-number={number.e164}>
                      <TableCell label="Number">
                        <span className="font-medium">{number.international}</span>
                        {number.national ? <span className="block text-slate-600">{number.national}</span> : null}
                      </TableCell>
                      <TableCell label="Routes to">
                        <span data-testid="number-route">
                          {number.route ? (
                            <>
                              <Badge tone="neutral">{DESTINATION_KIND_LABEL[number.route.kind]}</Badge>{" "}
                              {number.route.label}
                            </>
                          ) : (
                            "Account default"
                          )}
                        </span>
                      </TableCell>
                      {canRoute ? (
                        <TableCell label="Change" className="sm:w-1/2">
                          <RoutePicker number={number} destinations={destinations} query={query} />
                        </TableCell>
                      ) : null}
                    </TableRow>
                  ))
                : null}
            </TableBody>
          </Table>
        )}
        <NextPageLink
          href={
            "nextCursor" in page && page.nextCursor
              ? pathWithQuery("/numbers", { ...query, after: page.nextCursor })
              : null
          }
          label="Next page"
        />
      </Card>
    </main>
  );
}
