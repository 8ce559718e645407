import type { Metadata } from "next";
import Link from "next/link";
import { queryText } from "@/app/(portal)/query-text";
import { NextPageLink, pathWithQuery } from "@/components/next-page-link";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { USER_STATUSES } from "@/server/api/schemas/users.schema";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { ListSearch } from "../_lists/list-search";
import { RoleBadge, UserStatusBadge } from "./user-badges";

export const metadata: Metadata = { title: "Users" };

type Query = { q?: string; status?: string; after?: string };

/** The account's people: search by name or e-mail, filter by status, a page at a time. */
export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { account, user } = await loadCurrentAccount();
  const params = await searchParams;
  const query: Query = { q: queryText(params.q), status: queryText(params.status), after: queryText(params.after) };
  const status = USER_STATUSES.find((each) => each === query.status);
  const page = await (await serverCaller()).users
    .list({ search: query.q, status, cursor: query.after, limit: 25 })
    // A stale or hand-edited link: say what is wrong instead of failing the whole page.
    .catch((error: unknown) => problemFor(error, {}));
  const mayInvite = roleHas(user.role, "users:write");
  const filtered = Boolean(query.q || status);

  return (
    <main className="flex flex-col gap-4">
      <PageHeader title="Users" description={`The people who sign in to ${account.name}.`} />
      <Card aria-labelledby="users-title">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="users-title" className="text-base font-semibold">
            People
          </h2>
          {mayInvite ? (
            <Link href="/users/new" className={buttonVariants({ size: "sm" })}>
              Invite a user
            </Link>
          ) : null}
        </div>
        <ListSearch
          action="/users"
          id="user-search"
          label="Search users by name or e-mail"
          placeholder="Search by name or e-mail"
          value={query.q}
          filtered={filtered}
        >
          <label htmlFor="user-status" className="sr-only">
            Status
          </label>
          <Select id="user-status" name="status" defaultValue={status ?? ""} className="w-auto">
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="invited">Invited</option>
            <option value="deactivated">Deactivated</option>
          </Select>
        </ListSearch>
        {"problem" in page ? (
          <ErrorText role="alert">{page.problem}</ErrorText>
        ) : page.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="users-empty">
            {filtered
              ? "Nobody matches this search. Try another name or e-mail, or clear the filters."
              : mayInvite
                ? "Nobody here yet. Invite the first person: they get an e-mail with a link to set their password."
                : "Nobody here yet."}
          </p>
        ) : (
          <Table stack data-testid="users">
            <TableHead>
              <tr>
                <TableHeader>Name</TableHeader>
                <TableHeader>E-mail</TableHeader>
                <TableHeader>Role</TableHeader>
                <TableHeader>Status</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {page.items.map((person) => (
                <TableRow key={person.id} data-testid="user-row">
                  <TableCell label="Name">
                    <TextLink href={`/users/${person.id}`}>{person.name}</TextLink>
                    {person.id === user.id ? <span className="text-slate-600"> (you)</span> : null}
                  </TableCell>
                  <TableCell label="E-mail">{person.email}</TableCell>
                  <TableCell label="Role">
                    <RoleBadge role={person.role} />
                  </TableCell>
                  <TableCell label="Status">
                    <UserStatusBadge status={person.status} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <NextPageLink
          href={
            "nextCursor" in page && page.nextCursor
              ? pathWithQuery("/users", { ...query, after: page.nextCursor })
              : null
          }
          label="Next page"
        />
      </Card>
    </main>
  );
}
