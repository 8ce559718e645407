import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { ErrorText } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { problemFor } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { ListSearch } from "../_lists/list-search";
import { PageLinks, pageFrom, textFrom } from "../_lists/page-links";
import { createDepartmentAction } from "./actions";
import { DepartmentForm } from "./department-form";

export const metadata: Metadata = { title: "Departments" };

const RINGING = { simultaneous: "All at once", in_order: "In order" } as const;

/** The account's departments (ring groups): search, pages, and a form to create one. */
export default async function DepartmentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const query = { q: textFrom(params.q), page: pageFrom(params.page) };
  const { user } = await loadCurrentAccount();
  const caller = await serverCaller();
  const list = await caller.departments
    .list({ search: query.q, page: query.page, pageSize: 20 })
    .catch((error: unknown) => problemFor(error, {}));
  const canWrite = roleHas(user.role, "departments:write");
  const people = canWrite ? (await caller.departments.memberOptions()).users : [];

  return (
    <main className="flex flex-col gap-6">
      <PageHeader
        title="Departments"
        description="Ring groups: a call to a department rings its members, all at once or one after another."
      />
      {params.done === "deleted" ? <DoneNotice key={Date.now()} message="Department deleted." /> : null}
      <Card aria-labelledby="departments-title">
        <CardTitle id="departments-title">Your departments</CardTitle>
        {"limit" in list ? (
          <CardDescription data-testid="department-usage">
            {list.limit.max === null
              ? `${list.total} departments (the ${list.limit.plan} plan has no limit).`
              : `${query.q ? "" : `${list.total} of `}${list.limit.max} departments allowed on the ${list.limit.plan} plan.`}
          </CardDescription>
        ) : null}
        <ListSearch
          action="/departments"
          id="department-search"
          label="Search departments by name"
          placeholder="Search by name"
          value={query.q}
          filtered={Boolean(query.q)}
        />
        {"problem" in list ? (
          <ErrorText role="alert">{list.problem}</ErrorText>
        ) : list.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="departments-empty">
            {query.q
              ? `No department matches “${query.q}”.`
              : canWrite
                ? "No departments yet. Create one below, add the people who answer together, then route a number or a schedule to it."
                : "No departments yet."}
          </p>
        ) : (
          <Table stack data-testid="departments">
            <TableHead>
              <tr>
                <TableHeader>Department</TableHeader>
                <TableHeader>Members</TableHeader>
                <TableHeader>Ringing</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {list.items.map((department) => (
                <TableRow key={department.id}>
                  <TableCell label="Department">
                    <TextLink href={`/departments/${department.id}`}>{department.name}</TextLink>
                  </TableCell>
                  <TableCell label="Members">{department.memberCount}</TableCell>
                  <TableCell label="Ringing">{RINGING[department.ringStrategy]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {"items" in list ? (
          <PageLinks
            basePath="/departments"
            query={{ q: query.q }}
            page={list.page}
            pageSize={list.pageSize}
            total={list.total}
          />
        ) : null}
      </Card>
      {canWrite ? (
        <Card aria-labelledby="new-department-title">
          <CardTitle id="new-department-title">New department</CardTitle>
          <DepartmentForm action={createDepartmentAction} mode="create" people={people} />
        </Card>
      ) : null}
    </main>
  );
}
