import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { queryText } from "@/app/(portal)/query-text";
import { DoneNotice } from "@/components/form/done-notice";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { NumberSearch } from "../number-search";
import { AssignForm, TakeBackForm } from "./pool-row-actions";

export const metadata: Metadata = { title: "Pool of numbers" };

const DONE: Record<string, (number: string) => string> = {
  assigned: (number) => `Assigned ${number}.`,
  "taken-back": (number) => `Took ${number} back.`,
};

/** A reseller's pool: every number of it, who holds each, assign the free ones and take the others back. */
export default async function NumberPoolPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account, user } = await loadCurrentAccount();
  if (!account.isReseller) notFound();
  const params = await searchParams;
  const query = { q: queryText(params.q), after: queryText(params.after) };
  const caller = await serverCaller();
  const page = await caller.numbers
    .list({ view: "pool", search: query.q, cursor: query.after, limit: 25 })
    .catch((error: unknown) => problemFor(error, { FORBIDDEN: "Your role cannot see the pool of numbers." }));
  // Assigning names an account below: a role that cannot list them sees the pool only.
  const canAssign = roleHas(user.role, "numbers:write") && roleHas(user.role, "accounts:read");
  // The accounts numbers can go to: those directly below (closed ones get none).
  const accounts = canAssign
    ? (await caller.accounts.listChildren({ limit: 100 })).items.filter((child) => child.status !== "closed")
    : [];
  const doneKind = queryText(params.done);
  const doneNumber = queryText(params.number);
  const done = doneKind && doneNumber ? DONE[doneKind]?.(doneNumber) : undefined;

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        back={<TextLink href="/numbers">Back to your numbers</TextLink>}
        title="Pool of numbers"
        description={`The numbers ${account.name} can give to the accounts below it, and who holds each. An account routes the numbers it holds.`}
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      <Card aria-labelledby="pool-heading">
        <h2 id="pool-heading" className="mb-3 text-base font-semibold">
          Your pool
        </h2>
        <NumberSearch action="/numbers/pool" q={query.q} label="Search by number or holder" />
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="pool-empty">
            {query.q
              ? `No number of your pool matches “${query.q}”.`
              : "Your pool has no numbers yet. The platform adds numbers to it; ask your platform operator."}
          </p>
        ) : (
          <Table stack data-testid="pool">
            <TableHead>
              <tr>
                <TableHeader>Number</TableHeader>
                <TableHeader>Held by</TableHeader>
                {canAssign ? <TableHeader>Action</TableHeader> : null}
              </tr>
            </TableHead>
            <TableBody>
              {page.view === "pool"
                ? page.items.map((number) => (
                    <TableRow key={number.id} data-number={number.e164}>
                      <TableCell label="Number">
                        <span className="font-medium">{number.international}</span>
                        {number.national ? <span className="block text-slate-600">{number.national}</span> : null}
                      </TableCell>
                      <TableCell label="Held by">
                        <span data-testid="number-holder">
                          {number.holder ? (
                            <TextLink href={`/accounts/${number.holder.id}`}>{number.holder.name}</TextLink>
                          ) : (
                            <Badge tone="success">Free</Badge>
                          )}
                        </span>
                      </TableCell>
                      {canAssign ? (
                        <TableCell label="Action" className="sm:w-1/2">
                          {number.holder ? (
                            <TakeBackForm number={number} holder={number.holder.name} query={query} />
                          ) : (
                            <AssignForm number={number} accounts={accounts} query={query} />
                          )}
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
              ? pathWithQuery("/numbers/pool", { ...query, after: page.nextCursor })
              : null
          }
          label="Next page"
        />
      </Card>
    </main>
  );
}
