import type { Metadata } from "next";
import { DoneNotice } from "@/components/form/done-notice";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { loadCurrentAccount } from "@/server/api/load-current-account";
import { notFoundOn } from "@/server/api/page-problem";
import { serverCaller } from "@/server/api/server-caller";
import { roleHas } from "@/server/auth/permissions";
import { DeleteButton } from "../../_lists/delete-button";
import { deleteDepartmentAction, updateDepartmentAction } from "../actions";
import { DepartmentForm } from "../department-form";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { id } = await params;
  const department = await (await serverCaller()).departments.get({ id }).catch(() => null);
  return { title: department ? department.name : "Department" };
}

const DONE: Record<string, string> = { created: "Department created.", saved: "Changes saved." };

export default async function DepartmentPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { user } = await loadCurrentAccount();
  const caller = await serverCaller();
  const department = await caller.departments.get({ id }).catch((error: unknown) => {
    notFoundOn(error, ["NOT_FOUND", "BAD_REQUEST"]);
    throw error;
  });
  const canWrite = roleHas(user.role, "departments:write");
  const people = canWrite ? (await caller.departments.memberOptions()).users : [];
  const done = typeof query.done === "string" ? DONE[query.done] : undefined;
  const members = department.members.map(({ userId, ...rest }) => ({ id: userId, ...rest }));

  return (
    <main className="flex flex-col gap-4">
      <PageHeader
        back={<TextLink href="/departments">Back to departments</TextLink>}
        title={department.name}
        testId="department-name"
        description={`${members.length} ${members.length === 1 ? "member" : "members"}`}
      />
      {done ? <DoneNotice key={Date.now()} message={done} /> : null}
      {canWrite ? (
        <>
          <Card aria-label="Details">
            <DepartmentForm
              key={[department.name, department.ringStrategy, ...members.map((member) => member.id)].join("|")}
              action={updateDepartmentAction}
              mode="edit"
              people={people}
              department={{ ...department, members }}
            />
          </Card>
          <Card aria-labelledby="delete-title">
            <CardTitle id="delete-title">Delete</CardTitle>
            <CardDescription>
              A department that a number, a schedule or the account's default destination routes to cannot be deleted:
              route those elsewhere first.
            </CardDescription>
            <DeleteButton action={deleteDepartmentAction} id={department.id} what="department" name={department.name} />
          </Card>
        </>
      ) : (
        <Card aria-labelledby="members-title">
          <CardTitle id="members-title">Members</CardTitle>
          <ol className="list-decimal pl-6 text-sm">
            {members.map((member) => (
              <li key={member.id}>
                {member.name} <span className="text-slate-600">{member.email}</span>
              </li>
            ))}
          </ol>
        </Card>
      )}
    </main>
  );
}
